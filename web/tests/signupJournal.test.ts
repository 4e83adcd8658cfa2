/**
 * The site server's sign-up journal (a real SQLite file) and its forwarder, against an HTTP
 * server that answers like the CMS's sign-up endpoint (cms/contract): what is written survives a
 * reopen, only what the CMS recorded leaves, and nothing is dropped while the CMS fails.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import type { JournaledSignup, SignupBatchAnswer } from 'cms/contract'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { startForwarder } from '../src/newsletter/forwarder'
import { SignupJournal } from '../src/newsletter/journal'

let dir: string
let journal: SignupJournal

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'journal-test-'))
  journal = new SignupJournal(path.join(dir, 'signups.sqlite'))
})

afterEach(() => {
  journal.close()
  rmSync(dir, { recursive: true, force: true })
})

const signup = (n: number) => ({ email: `person${n}@journal.example`, firstName: `P${n}` })

describe('the journal', () => {
  it('keeps every sign-up appended at once, and they are there when the file is opened again', async () => {
    const written = await Promise.all(Array.from({ length: 1000 }, (_, n) => journal.append(signup(n))))
    expect(new Set(written.map((entry) => entry.id)).size).toBe(1000)
    journal.close()
    journal = new SignupJournal(path.join(dir, 'signups.sqlite'))
    const due = journal.due(2000)
    expect(due).toHaveLength(1000)
    expect(new Set(due.map((entry) => entry.email))).toEqual(new Set(written.map((entry) => entry.email)))
    expect(due[0]).toMatchObject({ email: expect.any(String), firstName: expect.any(String), id: expect.any(String), receivedAt: expect.any(String) })
  })

  it('forgets what was recorded, holds back what is postponed until its time, and keeps the rejected aside', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => journal.append(signup(n))))
    journal.forget([a!.id])
    journal.postpone([b!.id], Date.now() + 60_000, 'the CMS answered 503')
    journal.reject([{ id: c!.id, errors: { email: 'Not an address.' } }])
    expect(journal.due(10)).toEqual([])
    expect(journal.due(10, Date.now() + 61_000).map((entry) => entry.id)).toEqual([b!.id])
    expect(journal.counts()).toEqual({ waiting: 1, rejected: 1 })
  })

  it('refuses a sign-up it cannot write (the file locked by another program), and takes them again after', async () => {
    const other = new DatabaseSync(journal.file)
    other.exec('BEGIN EXCLUSIVE')
    await expect(journal.append(signup(1))).rejects.toThrow(/locked|busy/i)
    other.exec('ROLLBACK')
    other.close()
    await journal.append(signup(2))
    expect(journal.due(10).map((entry) => entry.email)).toEqual(['person2@journal.example'])
  })
})

describe('the forwarder', () => {
  let cms: Server
  let received: JournaledSignup[][]
  /** How the stand-in CMS answers the next batch: a status, or an answer built from the batch. */
  let answer: (batch: JournaledSignup[]) => { status: number; body?: SignupBatchAnswer }

  beforeEach(async () => {
    received = []
    answer = (batch) => ({ status: 200, body: { recorded: batch.map((s) => s.id), rejected: [] } })
    cms = createServer((request, response) => {
      let text = ''
      request.on('data', (chunk) => (text += chunk))
      request.on('end', () => {
        const batch = (JSON.parse(text) as { signups: JournaledSignup[] }).signups
        received.push(batch)
        const { status, body } = answer(batch)
        response.writeHead(status, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify(body ?? { error: 'down' }))
      })
    })
    await new Promise<void>((resolve) => cms.listen(0, '127.0.0.1', resolve))
    process.env.CMS_URL = `http://127.0.0.1:${(cms.address() as AddressInfo).port}`
  })

  afterEach(async () => {
    await new Promise<void>((resolve) => cms.close(() => resolve()))
  })

  const quiet = { info: () => {}, warn: () => {}, error: () => {} }

  it('hands sign-ups over in batches as they come, and forgets only what the CMS recorded', async () => {
    const forwarder = startForwarder(journal, { batchSize: 100, gatherMs: 20, log: quiet })
    try {
      answer = (batch) => ({ status: 200, body: { recorded: batch.slice(1).map((s) => s.id), rejected: [{ id: batch[0]!.id, errors: { email: 'x' } }] } })
      await Promise.all(Array.from({ length: 250 }, (_, n) => journal.append(signup(n))))
      await expect.poll(() => journal.counts().waiting, { timeout: 10_000 }).toBe(0)
      expect(received.every((batch) => batch.length <= 100)).toBe(true)
      expect(received.flat()).toHaveLength(250)
      expect(journal.counts().rejected).toBe(received.length)
    } finally {
      await forwarder.stop()
    }
  })

  it('keeps everything while the CMS fails, retrying with pauses, and hands it all over once it answers', async () => {
    answer = () => ({ status: 503 })
    const forwarder = startForwarder(journal, { batchSize: 100, gatherMs: 20, log: quiet })
    try {
      await Promise.all(Array.from({ length: 150 }, (_, n) => journal.append(signup(n))))
      await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
      const tries = received.length
      await new Promise((r) => setTimeout(r, 300))
      // Pausing between tries, not hammering the CMS.
      expect(received.length).toBeLessThanOrEqual(tries + 2)
      expect(journal.counts().waiting).toBe(150)
      answer = (batch) => ({ status: 200, body: { recorded: batch.map((s) => s.id), rejected: [] } })
      await expect.poll(() => journal.counts().waiting, { timeout: 20_000 }).toBe(0)
    } finally {
      await forwarder.stop()
    }
  })
})
