/**
 * Emails never block a sign-up, and a failed email is retried. The mail transport is fixed when
 * Payload starts, so this file has its own Payload, pointed at a port where at first no SMTP
 * server answers (a server that never greets, then nothing at all) and later a real one does.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'

import { REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { mailCatcher, type Mail } from './helpers/mailCatcher'
import { startTestPayload } from './helpers/testPayload'

const SITE_TOKEN = 'test-site-token-retry-0123456789-abcdefghij'

let payload: Payload
let rest: ReturnType<typeof REST_POST>
let port: number
let smtp: SMTPServer | undefined
const inbox: Mail[] = []

const listen = (server: Server | SMTPServer, onPort: number) =>
  new Promise<void>((resolve, reject) => {
    const net = server instanceof SMTPServer ? server.server : server
    net.once('error', reject)
    server.listen(onPort, '127.0.0.1', () => resolve())
  })

beforeAll(async () => {
  const probe = createServer()
  await listen(probe, 0)
  port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
  process.env.SITE_URL = 'https://site.example'
  process.env.NEWSLETTER_SITE_TOKEN = SITE_TOKEN
  let config
  ;({ payload, config } = await startTestPayload())
  rest = REST_POST(config)
  await payload.updateGlobal({
    slug: 'site-settings',
    data: {
      siteName: 'Retry Test Site',
      postalAddress: '1 Retry Road',
      newsletter: { heading: 'Get the Wire', pitch: 'News.', consentText: 'Yes, send it.', consentVersion: 'v1' },
      _status: 'published',
    },
    context: { seeding: true },
  })
})

afterAll(async () => {
  await payload?.destroy()
  if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()))
})

async function signup(email: string) {
  const response = await rest(
    new Request('http://localhost:3000/api/newsletter/signup', {
      method: 'POST',
      headers: { Authorization: `Bearer ${SITE_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, firstName: 'Ari', renderedAt: Date.now() - 60_000 }),
    }),
    { params: Promise.resolve({ slug: ['newsletter', 'signup'] }) },
  )
  return { status: response.status, body: await response.json() }
}

const query = async (text: string, params: unknown[] = []) =>
  (await (payload.db as unknown as { pool: { query: (t: string, p: unknown[]) => Promise<{ rows: any[] }> } }).pool.query(text, params)).rows

const subscriberOf = async (email: string) => (await query('SELECT * FROM subscribers WHERE email_key = lower($1)', [email]))[0]
const jobFor = async (subscriberId: number) =>
  (await query(`SELECT * FROM payload_jobs WHERE input->>'subscriber' = $1`, [String(subscriberId)]))[0]
const failuresOf = async (jobId: number) =>
  query(`SELECT state, error, task_slug FROM payload_jobs_log WHERE _parent_id = $1 ORDER BY _order`, [jobId])

/** Signs up, timing the answer: it must not wait for the mail server. */
async function timedSignup(email: string) {
  const started = performance.now()
  const reply = await signup(email)
  const elapsed = performance.now() - started
  expect(reply).toEqual({ status: 202, body: { status: 'accepted' } })
  expect(elapsed).toBeLessThan(10_000) // nodemailer would wait 30 s for a greeting
  const row = await subscriberOf(email)
  expect(row?.status).toBe('pending')
  return row as { id: number }
}

async function expectFailedForRetry(subscriberId: number, error: RegExp) {
  await expect.poll(async () => Number((await jobFor(subscriberId))?.total_tried ?? 0), { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(1)
  const job = await jobFor(subscriberId)
  expect(job).toMatchObject({ task_slug: 'sendConfirmationEmail', queue: 'newsletter', completed_at: null, has_error: false, processing: false })
  expect(Number(job.total_tried)).toBe(1)
  // Backed off (15 s, exponential), not dropped and not hammering the server.
  expect(new Date(job.wait_until).getTime()).toBeGreaterThan(Date.now() + 5_000)
  const log = await failuresOf(job.id)
  expect(log).toHaveLength(1)
  expect(log[0]).toMatchObject({ state: 'failed', task_slug: 'sendConfirmationEmail' })
  expect(JSON.stringify(log[0].error)).toMatch(error)
  return job
}

it('answers sign-ups at once while the mail server hangs or is down, records the failures, and delivers on retry', async () => {
  // A server that accepts the connection and never says hello.
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
  })
  await listen(silent, port)
  const hung = await timedSignup('hung@example.org')
  // The job is still waiting on the server, long after the sign-up was answered.
  await expect.poll(async () => (await jobFor(hung.id))?.processing, { timeout: 10_000 }).toBe(true)
  await expect.poll(() => sockets.size, { timeout: 10_000 }).toBeGreaterThan(0)
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  expect((await jobFor(hung.id)).processing).toBe(true)
  expect(Number((await jobFor(hung.id)).total_tried)).toBe(0)
  await new Promise<void>((resolve) => {
    silent.close(() => resolve())
    for (const socket of sockets) socket.destroy()
  })
  const hungJob = await expectFailedForRetry(hung.id, /Connection closed unexpectedly/)

  // Nothing listening at all.
  const refused = await timedSignup('refused@example.org')
  const refusedJob = await expectFailedForRetry(refused.id, /ECONNREFUSED/)
  expect(inbox).toHaveLength(0)

  // The mail server comes back; the retries (due now rather than in 15 s) deliver.
  smtp = mailCatcher(inbox)
  await listen(smtp, port)
  await query(`UPDATE payload_jobs SET wait_until = now() - interval '1 second' WHERE id = ANY($1)`, [[hungJob.id, refusedJob.id]])
  await payload.jobs.run({ queue: 'newsletter' })

  expect(inbox.map((mail) => mail.to).sort()).toEqual([['hung@example.org'], ['refused@example.org']])
  expect(await query(`SELECT id FROM payload_jobs WHERE id = ANY($1)`, [[hungJob.id, refusedJob.id]])).toEqual([])
  // The delivered link is the live one.
  for (const { parsed } of inbox) {
    const token = /https:\/\/site\.example\/wire\/confirm\?token=([\w-]{43})/.exec(parsed.text ?? '')?.[1]
    expect(token).toBeDefined()
    const response = await rest(
      new Request('http://localhost:3000/api/newsletter/confirm', {
        method: 'POST',
        headers: { Authorization: `Bearer ${SITE_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
      }),
      { params: Promise.resolve({ slug: ['newsletter', 'confirm'] }) },
    )
    expect(response.status).toBe(200)
  }
  expect((await subscriberOf('hung@example.org')).status).toBe('confirmed')
  expect((await subscriberOf('refused@example.org')).status).toBe('confirmed')
}, 120_000)
