/**
 * Get the Wire under a surge and under failures, end to end with real processes: the site server
 * (web/dist-server/server.mjs) accepts sign-ups into its journal, a CMS server (next dev) records
 * them, a job runner (`payload worker`) emails them through a real SMTP server, all on real
 * PostgreSQL. Every fault is injected for real: processes killed with SIGKILL, the CMS's line to
 * PostgreSQL cut, the journal locked by another program. After each, every sign-up that was
 * answered with success is a subscriber, with its email.
 */
import { DatabaseSync } from 'node:sqlite'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { freePort } from '../src/db/freePort'
import { requestSiteBuildNow } from '../src/publishing/requestSiteBuild'
import { seedContent } from '../src/seed/seed'
import { startCmsServer, type CmsServer } from './helpers/cmsServer'
import { mailCatcher, type Mail } from './helpers/mailCatcher'
import { postSignup, signupSurge, visitorAddress, type SignupResult } from './helpers/signupLoad'
import { serveLiveSite, settledBuilds, siteBuildsForTests } from './helpers/siteBuilds'
import { tcpProxy } from './helpers/tcpProxy'
import { startTestPayload } from './helpers/testPayload'
import { startWorker } from './helpers/worker'

const builds = siteBuildsForTests('signup-edge')
const dataDir = path.join(builds.buildsDir, '.site-data')

const inbox: Mail[] = []
const smtp = mailCatcher((mail) => inbox.push(mail))

let payload: Payload
let databaseUrl: string
/** The CMS server reaches PostgreSQL through this, so that the line can be cut. */
let dbLine: Awaited<ReturnType<typeof tcpProxy>>
let cms: CmsServer
let cmsPort: number
let site: Awaited<ReturnType<typeof serveLiveSite>>
let worker: ReturnType<typeof startWorker>

const startCms = async () => {
  const proxied = new URL(databaseUrl)
  proxied.port = String(dbLine.port)
  cms = await startCmsServer(proxied.href, { port: cmsPort })
}
const startSite = async () => {
  site = await serveLiveSite(builds.buildsDir, { port: site?.port, env: { CMS_URL: cms.url } })
}
const startRunner = async () => {
  worker = startWorker(databaseUrl)
  await worker.ready()
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`
  process.env.SITE_URL = 'https://site.example'
  const started = await startTestPayload()
  payload = started.payload
  databaseUrl = started.databaseUrl
  await seedContent(payload)
  const db = new URL(databaseUrl)
  dbLine = await tcpProxy({ host: db.hostname, port: Number(db.port) })
  cmsPort = await freePort()
  await startCms()
  process.env.SITE_BUILD_CMS_URL = cms.url
  await requestSiteBuildNow(payload, { reason: 'The site for the sign-up tests' })
  expect((await settledBuilds(payload)).at(-1)).toMatchObject({ status: 'live' })
  await startSite()
  await startRunner()
}, 400_000)

afterAll(async () => {
  await worker?.stop()
  site?.stop()
  await cms?.stop()
  await dbLine?.close()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

let batch = 0
const addresses = (label: string, count: number) => {
  batch++
  return Array.from({ length: count }, (_, i) => `${label}-${batch}-${i}@surge.example`)
}
/** Visitors are never reused across surges, so per-visitor limits stay out of the way. */
let visitors = 0
const surge = (emails: string[], options: Parameters<typeof signupSurge>[2] = {}) => {
  const first = visitors
  visitors += emails.length
  return signupSurge(site.url, emails, { firstVisitor: first, ...options })
}

const acknowledged = (results: SignupResult[]) => results.filter((r) => r.status === 200).map((r) => r.email.toLowerCase())

const subscribersAmong = async (emails: string[]) =>
  (
    await payload.db.pool.query<{ email_key: string; n: number }>(
      'SELECT email_key, count(*)::int AS n FROM subscribers WHERE email_key = ANY($1) GROUP BY email_key',
      [emails],
    )
  ).rows
const emailsTo = (email: string) => inbox.filter((mail) => mail.to.includes(email)).length
const journalWaiting = () => {
  const journal = new DatabaseSync(path.join(dataDir, 'signups.sqlite'), { readOnly: true })
  try {
    return Number((journal.prepare('SELECT count(*) AS n FROM signups WHERE rejected_at IS NULL').get() as { n: number }).n)
  } finally {
    journal.close()
  }
}

/** Waits until every address is a subscriber (once) and has had its confirmation email. */
async function expectRecordedAndEmailed(emails: string[], timeout = 120_000) {
  await expect.poll(async () => (await subscribersAmong(emails)).length, { timeout, interval: 500 }).toBe(emails.length)
  expect((await subscribersAmong(emails)).filter((row) => row.n !== 1)).toEqual([])
  await expect.poll(() => emails.filter((email) => emailsTo(email) === 0).length, { timeout, interval: 500 }).toBe(0)
  await expect.poll(journalWaiting, { timeout: 30_000 }).toBe(0)
}

describe('a surge', () => {
  it('answers 500 sign-ups from 500 visitors, 50 at a time, and records and emails each exactly once', async () => {
    const emails = addresses('surge', 500)
    const results = await surge(emails)
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body}`)).toEqual([])
    await expectRecordedAndEmailed(emails)
    await new Promise((r) => setTimeout(r, 1_000))
    expect(emails.filter((email) => emailsTo(email) !== 1)).toEqual([])
  }, 240_000)

  it('keeps one subscriber and sends one email for 100 sign-ups of one address at once', async () => {
    const [email] = addresses('same', 1)
    const results = await surge(Array.from({ length: 100 }, () => email!))
    expect(results.filter((r) => r.status !== 200)).toEqual([])
    await expectRecordedAndEmailed([email!])
    const { rows } = await payload.db.pool.query(
      'SELECT count(*)::int AS n FROM newsletter_signups g JOIN subscribers s ON s.id = g.subscriber_id WHERE s.email_key = $1',
      [email],
    )
    expect(rows[0].n).toBe(100)
    await new Promise((r) => setTimeout(r, 1_000))
    expect(emailsTo(email!)).toBe(1)
  }, 120_000)
})

describe('failures in the middle of a surge', () => {
  // A test that fails with the line cut must not take the next ones down with it.
  afterEach(() => dbLine.restore())

  it('loses nothing acknowledged when the site server is killed (SIGKILL) and started again', async () => {
    const emails = addresses('site-killed', 400)
    // The CMS cannot record anything meanwhile, so what was acknowledged is still only in the
    // journal when the site server dies.
    dbLine.cut()
    let answered = 0
    let killed: Promise<void> | undefined
    const results = await surge(emails, {
      concurrency: 25,
      onResult: () => {
        if (++answered === 150) killed = site.kill().then(startSite)
      },
    })
    await killed
    const ok = acknowledged(results)
    // Those cut off mid-request by the kill were never told "done"; everyone told "done" counts.
    expect(ok.length).toBeGreaterThanOrEqual(150)
    expect(results.some((r) => r.status === 0)).toBe(true)
    expect(results.filter((r) => r.status !== 200 && r.status !== 0)).toEqual([])
    // Everyone told "done" is in the journal; so may be a few cut off between the write and the
    // answer, which are recorded too (they signed up, and get their email).
    const journaled = journalWaiting()
    expect(journaled).toBeGreaterThanOrEqual(ok.length)
    expect(journaled).toBeLessThanOrEqual(ok.length + results.filter((r) => r.status === 0).length)
    dbLine.restore()
    await expectRecordedAndEmailed(ok)
  }, 240_000)

  it('refuses no one while the CMS is killed (SIGKILL), and records and emails them all once it is back', async () => {
    const emails = addresses('cms-killed', 400)
    let answered = 0
    let killed: Promise<void> | undefined
    const results = await surge(emails, {
      onResult: () => {
        if (++answered === 100) killed = cms.kill()
      },
    })
    await killed
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body}`)).toEqual([])
    // Down: the sign-ups wait in the journal.
    await new Promise((r) => setTimeout(r, 3_000))
    expect(journalWaiting()).toBeGreaterThan(0)
    await startCms()
    await expectRecordedAndEmailed(emails)
  }, 300_000)

  it('refuses no one while the CMS cannot reach PostgreSQL, and records them all once the line is back', async () => {
    const emails = addresses('db-cut', 300)
    dbLine.cut()
    const results = await surge(emails)
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.body}`)).toEqual([])
    await new Promise((r) => setTimeout(r, 3_000))
    expect(journalWaiting()).toBe(emails.length)
    expect(await subscribersAmong(emails)).toEqual([])
    dbLine.restore()
    await expectRecordedAndEmailed(emails)
  }, 240_000)

  it('sends every email when the job runner is killed (SIGKILL) while sending, once a runner is back', async () => {
    await worker.stop()
    const emails = addresses('runner-killed', 300)
    const results = await surge(emails)
    expect(results.filter((r) => r.status !== 200)).toEqual([])
    await expect.poll(async () => (await subscribersAmong(emails)).length, { timeout: 60_000, interval: 250 }).toBe(emails.length)
    await startRunner()
    await expect.poll(() => emails.filter((email) => emailsTo(email) > 0).length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0)
    await worker.kill()
    const sent = emails.filter((email) => emailsTo(email) > 0).length
    expect(sent).toBeLessThan(emails.length)
    // Emails it had claimed but not finished wait out its claim (two minutes); as if that had passed:
    await payload.db.pool.query(`UPDATE newsletter_outbox SET locked_until = now() WHERE locked_until > now()`)
    await startRunner()
    await expectRecordedAndEmailed(emails)
  }, 300_000)
})

describe('when the journal cannot be written', () => {
  it('answers 503 with Retry-After and keeps the person’s input, and takes sign-ups again once it can', async () => {
    const [email] = addresses('locked', 1)
    const journal = new DatabaseSync(path.join(dataDir, 'signups.sqlite'))
    journal.exec('PRAGMA busy_timeout = 0; BEGIN EXCLUSIVE')
    try {
      const enhanced = await postSignup(site.url, email!, { from: visitorAddress(visitors++) })
      expect(enhanced.status).toBe(503)
      expect(JSON.parse(enhanced.body)).toEqual({ ok: false, message: expect.stringMatching(/could not take your sign-up just now.*try again in a minute/) })
      const page = await fetch(`${site.url}/wire/signup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: email!, firstName: 'Rivka' }),
        redirect: 'manual',
      })
      expect(page.status).toBe(503)
      expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0)
      const html = await page.text()
      expect(html).toContain(`value="${email}"`)
      expect(html).toContain('value="Rivka"')
      expect(html).toMatch(/could not take your sign-up just now/)
      expect(html).not.toMatch(/at \S+\.(js|ts|mjs):\d+/) // no stack trace
    } finally {
      journal.exec('ROLLBACK')
      journal.close()
    }
    expect(await subscribersAmong([email!])).toEqual([])
    const again = await postSignup(site.url, email!, { from: visitorAddress(visitors++) })
    expect(again.status).toBe(200)
    await expectRecordedAndEmailed([email!])
  }, 120_000)
})
