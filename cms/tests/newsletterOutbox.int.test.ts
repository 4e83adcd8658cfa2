/**
 * Confirmation emails leave from an outbox: a sign-up is recorded without waiting for any mail
 * server, a failed email is retried with back-off until the server is back, and any number of
 * senders at once send each email exactly once. Against a real SMTP server (smtp-server), real
 * PostgreSQL, and for the last test two real job runner processes (`payload worker`).
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'

import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { sendDueEmails } from '../src/newsletter/outbox'
import { mailCatcher, type Mail } from './helpers/mailCatcher'
import { journaled, newsletterClient } from './helpers/newsletter'
import { startTestPayload } from './helpers/testPayload'
import { startWorker } from './helpers/worker'

const SITE_TOKEN = 'test-site-token-outbox-0123456789-abcdefghij'

let payload: Payload
let databaseUrl: string
let call: ReturnType<typeof newsletterClient>
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
  // A mail server that does not greet within 3 s is given up on (nodemailer's default is 30 s).
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}/?greetingTimeout=3000`
  process.env.SITE_URL = 'https://site.example'
  process.env.NEWSLETTER_SITE_TOKEN = SITE_TOKEN
  const started = await startTestPayload()
  payload = started.payload
  databaseUrl = started.databaseUrl
  call = newsletterClient(started.config, SITE_TOKEN)
  await payload.updateGlobal({
    slug: 'site-settings',
    data: {
      siteName: 'Outbox Test Site',
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

const query = async (text: string, params: unknown[] = []) => (await payload.db.pool.query(text, params)).rows

async function signUp(...emails: string[]) {
  const signups = emails.map((email) => journaled(email, { firstName: 'Ari' }))
  const reply = await call('signups', { signups })
  expect(reply.body).toEqual({ recorded: signups.map((s) => s.id), rejected: [] })
}

const outboxOf = async (email: string) =>
  (await query(`SELECT o.* FROM newsletter_outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE s.email_key = $1`, [email]))[0]

it('records sign-ups while the mail server hangs or is down, records each failure, and delivers on retry', async () => {
  // A server that accepts the connection and never says hello.
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
  })
  await listen(silent, port)
  await signUp('hung@example.org')
  expect(await sendDueEmails(payload)).toBe(1)
  expect(sockets.size).toBeGreaterThan(0)
  await new Promise<void>((resolve) => {
    silent.close(() => resolve())
    for (const socket of sockets) socket.destroy()
  })
  const hung = await outboxOf('hung@example.org')
  expect(hung).toMatchObject({ attempts: 1, sent_at: null, failed_at: null, locked_until: null })
  expect(hung.last_error).toMatch(/Greeting never received|timeout/i)
  // Backed off (15 s, then doubling), not dropped and not hammering the server.
  expect(new Date(hung.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 5_000)
  expect(await sendDueEmails(payload)).toBe(0)

  // Nothing listening at all.
  await signUp('refused@example.org')
  expect(await sendDueEmails(payload)).toBe(1)
  const refused = await outboxOf('refused@example.org')
  expect(refused).toMatchObject({ attempts: 1, sent_at: null })
  expect(refused.last_error).toMatch(/ECONNREFUSED/)
  expect(inbox).toHaveLength(0)

  // The mail server comes back; the retries (due now rather than in 15 s) deliver.
  smtp = mailCatcher((mail) => inbox.push(mail))
  await listen(smtp, port)
  await query(`UPDATE newsletter_outbox SET next_attempt_at = now() - interval '1 second'`)
  expect(await sendDueEmails(payload)).toBe(2)
  expect(inbox.map((mail) => mail.to).sort()).toEqual([['hung@example.org'], ['refused@example.org']])
  for (const email of ['hung@example.org', 'refused@example.org']) {
    expect(await outboxOf(email)).toMatchObject({ attempts: 2, sent_at: expect.any(Date), last_error: null })
  }
  // The delivered link is the live one.
  for (const { parsed } of inbox) {
    const token = /https:\/\/site\.example\/wire\/confirm\?token=([\w-]{43})/.exec(parsed.text ?? '')?.[1]
    expect((await call('confirm', { token })).status).toBe(200)
  }
  const statuses = await query(`SELECT status FROM subscribers WHERE email_key IN ('hung@example.org', 'refused@example.org')`)
  expect(statuses.map((row) => row.status)).toEqual(['confirmed', 'confirmed'])
}, 120_000)

it('sends each of 400 emails exactly once with two job runners sending at the same time', async () => {
  // Each runner greets the mail server with its own name, so the test sees who sent what.
  const workers = ['runner-a', 'runner-b'].map((name) => startWorker(databaseUrl, { SMTP_URL: `smtp://127.0.0.1:${port}/?name=${name}` }))
  try {
    await Promise.all(workers.map((w) => w.ready()))
    const before = inbox.length
    const emails = Array.from({ length: 400 }, (_, i) => `crowd${i}@example.org`)
    // Several batches, as several site servers would hand them over, while both runners listen.
    for (let i = 0; i < emails.length; i += 50) await signUp(...emails.slice(i, i + 50))
    await expect.poll(() => inbox.length - before, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(emails.length)
    // A moment more for any duplicate to arrive.
    await new Promise((r) => setTimeout(r, 2_000))
    const delivered = inbox.slice(before)
    const received = delivered.flatMap((mail) => mail.to)
    expect(received).toHaveLength(emails.length)
    expect(new Set(received)).toEqual(new Set(emails))
    // Both runners took part.
    for (const runner of ['runner-a', 'runner-b']) expect(delivered.filter((mail) => mail.hello === runner).length, runner).toBeGreaterThan(0)
    const [{ unsent }] = await query(`SELECT count(*)::int AS unsent FROM newsletter_outbox WHERE sent_at IS NULL`)
    expect(unsent).toBe(0)
  } finally {
    await Promise.all(workers.map((w) => w.stop()))
  }
}, 180_000)
