/**
 * The site server's journal in its own thread (server/journalWriter.ts and journalThread.ts, as
 * bundled for production): sign-ups are on disk when `append` resolves, refused when they cannot
 * be written, written before the thread stops, and a journal that cannot be opened stops the
 * server from starting; a thread that dies has its unwritten sign-ups refused and is started again.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { startJournalWriter } from '../server/journalWriter'

const webDir = path.resolve(import.meta.dirname, '..')
let dir: string
let threadUrl: URL

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'journal-writer-test-'))
  execFileSync(process.execPath, ['scripts/build-server.mjs', path.join(dir, 'bundle')], { cwd: webDir })
  threadUrl = pathToFileURL(path.join(dir, 'bundle', 'journalThread.mjs'))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const signup = (n: number) => ({ email: `person${n}@thread.example`, firstName: `P${n}` })
const rowsIn = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    return (db.prepare('SELECT id FROM signups').all() as { id: string }[]).map((row) => row.id)
  } finally {
    db.close()
  }
}

it('has every sign-up on disk when it says so, 1,000 asked at once', async () => {
  const file = path.join(dir, 'many', 'signups.sqlite')
  // No CMS to hand them to (an address nothing listens on): the forwarder keeps them.
  const cmsUrl = process.env.CMS_URL
  process.env.CMS_URL = 'http://127.0.0.1:1'
  const journal = await startJournalWriter(file, threadUrl)
  if (cmsUrl === undefined) delete process.env.CMS_URL
  else process.env.CMS_URL = cmsUrl
  try {
    const written = await Promise.all(Array.from({ length: 1000 }, (_, n) => journal.append(signup(n))))
    expect(written.map((entry) => entry.email)).toEqual(Array.from({ length: 1000 }, (_, n) => signup(n).email))
    expect(new Set(rowsIn(file))).toEqual(new Set(written.map((entry) => entry.id)))
  } finally {
    await journal.stop()
  }
})

it('refuses a sign-up it cannot write (the file locked by another program), and takes them again after', async () => {
  const file = path.join(dir, 'locked', 'signups.sqlite')
  const journal = await startJournalWriter(file, threadUrl)
  const other = new DatabaseSync(file)
  try {
    other.exec('PRAGMA busy_timeout = 0; BEGIN EXCLUSIVE')
    await expect(journal.append(signup(1))).rejects.toThrow(/locked|busy/i)
    other.exec('ROLLBACK')
    const entry = await journal.append(signup(2))
    expect(rowsIn(file)).toEqual([entry.id])
  } finally {
    other.close()
    await journal.stop()
  }
})

it('writes the sign-ups asked for before it stops', async () => {
  const file = path.join(dir, 'stopping', 'signups.sqlite')
  const journal = await startJournalWriter(file, threadUrl)
  const asked = Array.from({ length: 100 }, (_, n) => journal.append(signup(n)))
  await journal.stop()
  const written = await Promise.all(asked)
  expect(new Set(rowsIn(file))).toEqual(new Set(written.map((entry) => entry.id)))
})

it('does not start when the journal cannot be opened', async () => {
  const notAFolder = path.join(dir, 'a-file')
  writeFileSync(notAFolder, '')
  await expect(startJournalWriter(path.join(notAFolder, 'signups.sqlite'), threadUrl)).rejects.toThrow(/EEXIST.*a-file/)
})

it('refuses what a thread that died had not written, and starts it again by itself', async () => {
  // A stand-in thread that notes each start in the "journal" file and dies at its first sign-up.
  const dying = path.join(dir, 'dyingThread.mjs')
  writeFileSync(
    dying,
    `import { appendFileSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
appendFileSync(workerData.file, 'started\\n')
parentPort.on('message', () => process.exit(3))
parentPort.postMessage({ kind: 'ready' })
`,
  )
  const starts = path.join(dir, 'starts.txt')
  const startCount = () => (existsSync(starts) ? readFileSync(starts, 'utf8').split('\n').filter(Boolean).length : 0)
  const journal = await startJournalWriter(starts, pathToFileURL(dying))
  try {
    expect(startCount()).toBe(1)
    await expect(journal.append(signup(1))).rejects.toThrow(/stopped \(exit code 3\) before writing this sign-up/)
    // Until it is back, sign-ups are refused at once (the person is asked to try again), not kept waiting.
    await expect(journal.append(signup(2))).rejects.toThrow(/not open just now/)
    await expect.poll(startCount, { timeout: 5_000 }).toBe(2)
  } finally {
    await Promise.all([journal.stop(), journal.stop()])
  }
})
