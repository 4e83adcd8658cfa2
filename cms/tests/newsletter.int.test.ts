/**
 * "Get the Wire" end to end inside the CMS: the site server's endpoints called through the real
 * Next route handler, the confirmation job run by Payload's job runner, and the email delivered
 * over SMTP to a real SMTP server in this process and parsed as a mail client would.
 */
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'

import { REST_POST } from '@payloadcms/next/routes'
import type { Payload, SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { mailCatcher, type Mail } from './helpers/mailCatcher'
import { startTestPayload } from './helpers/testPayload'

const SITE_TOKEN = 'test-site-token-0123456789-abcdefghijklmnop'
const SETTINGS = {
  siteName: 'Beth Shalom Test Congregation',
  postalAddress: '12 Test Street\nSpringfield 12345',
  newsletter: {
    heading: 'Get the Wire',
    pitch: 'News from the congregation, once a week.',
    consentText: 'Yes, send me the Wire. I can unsubscribe at any time.',
    consentVersion: '2026-11-test',
  },
}

const inbox: Mail[] = []
const smtp = mailCatcher(inbox)

let payload: Payload
let config: SanitizedConfig
let rest: ReturnType<typeof REST_POST>

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject)
    smtp.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = smtp.server.address() as AddressInfo
  // The config reads these when first imported, so they are set before Payload starts.
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
  process.env.SITE_URL = 'https://site.example'
  process.env.NEWSLETTER_SITE_TOKEN = SITE_TOKEN
  delete process.env.NEWSLETTER_RESEND_AFTER_MINUTES // the default window of 10 minutes
  delete process.env.NEWSLETTER_CONFIRM_TTL_HOURS
  ;({ payload, config } = await startTestPayload())
  rest = REST_POST(config)
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { ...SETTINGS, _status: 'published' },
    // Not a content change the (absent) dev site should hear about.
    context: { seeding: true },
  })
})

afterAll(async () => {
  await observer?.end()
  await payload?.destroy()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

// ---------------------------------------------------------------------------------------------
// Helpers

type Action = 'signup' | 'confirm' | 'resend' | 'unsubscribe'
type Reply = { status: number; headers: Headers; text: string; body: any }

async function call(action: Action, body: unknown, { auth = `Bearer ${SITE_TOKEN}`, raw }: { auth?: string | null; raw?: string } = {}): Promise<Reply> {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  if (auth !== null) headers.set('Authorization', auth)
  const response = await rest(
    new Request(`http://localhost:3000/api/newsletter/${action}`, {
      method: 'POST',
      headers,
      body: raw ?? JSON.stringify(body),
    }),
    { params: Promise.resolve({ slug: ['newsletter', action] }) },
  )
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, text, body: parsed }
}

let counter = 0
/** A fresh address for every use, so tests never share state or rate limits. */
const newAddress = (label: string) => `${label}.${++counter}.${process.pid}@example.org`

const form = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  firstName: 'Dana',
  lastName: 'Levi',
  postalCode: '10115',
  sourcePage: '/values',
  website: '',
  renderedAt: String(Date.now() - 60_000),
  ...extra,
})

const signup = (email: string, extra: Record<string, unknown> = {}) => call('signup', form(email, extra))

type Pool = { query: (text: string, params: unknown[]) => Promise<{ rows: any[] }>; end: () => Promise<void> }
let observer: Pool | undefined
/**
 * SQL for the test's own look at the database, on connections of its own (a pool like
 * Payload's), so that what it observes is not held up behind the CMS's queries under load.
 */
const query = async <T = any>(text: string, params: unknown[] = []): Promise<T[]> => {
  if (!observer) {
    const PoolClass = (payload.db as unknown as { pool: { constructor: new (options: object) => Pool } }).pool.constructor
    observer = new PoolClass({ connectionString: process.env.DATABASE_URL, max: 2 })
  }
  return (await observer.query(text, params)).rows as T[]
}

const rowOf = async (email: string) => (await query('SELECT * FROM subscribers WHERE email_key = lower($1)', [email]))[0]
const countRows = async (email: string) => Number((await query('SELECT count(*) AS n FROM subscribers WHERE email_key = lower($1)', [email]))[0].n)

const mailsTo = (email: string) => inbox.filter((mail) => mail.to.includes(email.toLowerCase()))

/** Waits until the newsletter queue has nothing left that is due (every queued email sent). */
async function settle() {
  const due = () =>
    query(`SELECT id, input, processing, total_tried, wait_until, created_at, updated_at FROM payload_jobs
      WHERE queue = 'newsletter' AND completed_at IS NULL AND has_error = false
        AND (wait_until IS NULL OR wait_until <= now())`)
  await expect.poll(async () => (await due()).length, { timeout: 30_000, interval: 100 }).toBe(0).catch(async (error: Error) => {
    throw new Error(`${error.message}\nJobs still due: ${JSON.stringify(await due(), null, 1)}`)
  })
}

/** Waits for the queue to drain, then expects exactly `count` emails to the address. */
async function expectMails(email: string, count: number): Promise<Mail[]> {
  if (count > 0) await expect.poll(() => mailsTo(email).length, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(count)
  await settle()
  const mails = mailsTo(email)
  expect(mails, `emails to ${email}`).toHaveLength(count)
  return mails
}

const header = (mail: Mail, name: string) =>
  mail.parsed.headerLines
    .filter((h) => h.key === name.toLowerCase())
    .map((h) => h.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, ''))

const CONFIRM_LINK = /https:\/\/site\.example\/wire\/confirm\?token=([\w-]+)/
const confirmTokenOf = (mail: Mail) => {
  const match = CONFIRM_LINK.exec(mail.parsed.text ?? '')
  expect(match, 'a confirm link in the text body').not.toBeNull()
  return match![1]!
}
const unsubscribeTokenOf = (mail: Mail) => {
  const [value] = header(mail, 'List-Unsubscribe')
  const match = /^<https:\/\/site\.example\/wire\/unsubscribe\?token=(\d+\.[\w-]{43})>$/.exec(value ?? '')
  expect(match, `List-Unsubscribe ${value}`).not.toBeNull()
  return match![1]!
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** Every table in the database whose rows contain the text anywhere. */
async function tablesContaining(text: string): Promise<string[]> {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  )
  const found: string[] = []
  for (const { table_name } of tables) {
    const [{ n }] = await query(`SELECT count(*) AS n FROM "${table_name}" t WHERE strpos(t::text, $1) > 0`, [text])
    if (Number(n) > 0) found.push(table_name)
  }
  return found
}

/** Signs an address up, waits for its email, confirms it. */
async function confirmedAddress(label: string) {
  const email = newAddress(label)
  expect((await signup(email)).status).toBe(202)
  const [mail] = await expectMails(email, 1)
  expect((await call('confirm', { token: confirmTokenOf(mail!) })).status).toBe(200)
  return { email, mail: mail! }
}

const ACCEPTED = { status: 'accepted' }

// ---------------------------------------------------------------------------------------------

describe('who may call the endpoints', () => {
  it('answers 401 without the site token, or with a wrong one, and stores nothing', async () => {
    const email = newAddress('noauth')
    const wrongSameLength = SITE_TOKEN.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'))
    for (const auth of [null, '', `Bearer ${wrongSameLength}`, 'Bearer wrong', `Basic ${SITE_TOKEN}`, `Bearer ${SITE_TOKEN}x`]) {
      const reply = await call('signup', form(email), { auth })
      expect(reply.status, `Authorization: ${auth}`).toBe(401)
      expect(reply.body).toEqual({ error: expect.any(String) })
    }
    for (const action of ['confirm', 'resend', 'unsubscribe'] as const) {
      expect((await call(action, { token: 'x' }, { auth: null })).status, action).toBe(401)
    }
    expect(await countRows(email)).toBe(0)
    await expectMails(email, 0)
    // The same form with the token is stored, so the 401s above are what kept it out.
    expect((await signup(email)).status).toBe(202)
    expect(await countRows(email)).toBe(1)
    await expectMails(email, 1)
  })

  it('answers 400 to a body that is not a JSON object', async () => {
    for (const raw of ['not json', '{"email": ', '[]', JSON.stringify([form(newAddress('array'))]), 'null', '"text"', '42']) {
      for (const action of ['signup', 'confirm', 'resend', 'unsubscribe'] as const) {
        const reply = await call(action, undefined, { raw })
        expect(reply.status, `${action} ${raw}`).toBe(400)
        expect(reply.body).toEqual({ error: 'Send a JSON object.' })
      }
    }
    expect(Number((await query('SELECT count(*) AS n FROM subscribers WHERE email_key LIKE $1', ['array.%']))[0].n)).toBe(0)
  })

  it('answers 400 with a message per field to an invalid sign-up, and stores nothing', async () => {
    const reply = await call('signup', form('not-an-address', { postalCode: '<script>' }))
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toEqual({ email: expect.any(String), postalCode: expect.any(String) })
    expect(await countRows('not-an-address')).toBe(0)
  })
})

describe('double opt-in', () => {
  it('stores a pending sign-up with its consent, emails a link, confirms once, unsubscribes in one click', async () => {
    const email = newAddress('Dana.Levi').replace('@example.org', '@Example.ORG')
    const before = Date.now()
    const reply = await signup(email, { firstName: 'Dana', lastName: 'Levi', postalCode: '10115', sourcePage: '/wire' })
    expect(reply.status).toBe(202)
    expect(reply.body).toEqual(ACCEPTED)
    expect(reply.headers.get('cache-control')).toBe('no-store')

    const row = await rowOf(email)
    expect(row).toMatchObject({
      email: email.replace('@Example.ORG', '@example.org'),
      email_key: email.toLowerCase(),
      status: 'pending',
      first_name: 'Dana',
      last_name: 'Levi',
      postal_code: '10115',
      consent_text: SETTINGS.newsletter.consentText,
      consent_version: SETTINGS.newsletter.consentVersion,
      source_page: '/wire',
      confirmed_at: null,
      unsubscribed_at: null,
    })
    expect(new Date(row.consented_at).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(new Date(row.consented_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000)

    const [mail] = await expectMails(email, 1)
    const { parsed } = mail!
    expect(parsed.subject).toBe('Confirm your subscription to Get the Wire')
    expect(parsed.from?.value[0]?.address).toBeTruthy()

    // RFC 8058 one-click unsubscribe, pointing at this subscriber.
    expect(header(mail!, 'List-Unsubscribe')).toHaveLength(1)
    expect(header(mail!, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click'])
    const unsubscribeToken = unsubscribeTokenOf(mail!)
    expect(unsubscribeToken.split('.')[0]).toBe(String(row.id))

    // Both bodies, each with the sender, the postal address, the confirm link and the unsubscribe link.
    const token = confirmTokenOf(mail!)
    expect(token).toMatch(/^[\w-]{43}$/)
    const text = parsed.text ?? ''
    expect(text).toContain(SETTINGS.siteName)
    expect(text).toContain('12 Test Street\nSpringfield 12345')
    expect(text).toContain(`https://site.example/wire/unsubscribe?token=${unsubscribeToken}`)
    expect(text).toContain('48 hours')
    const html = typeof parsed.html === 'string' ? parsed.html : ''
    expect(html).toContain('<!doctype html>')
    expect(html).toContain(SETTINGS.siteName)
    expect(html).toContain('12 Test Street<br>Springfield 12345')
    expect(html).toContain(`href="https://site.example/wire/confirm?token=${token}"`)
    expect(html).toContain(`href="https://site.example/wire/unsubscribe?token=${unsubscribeToken}"`)

    // Only the token's hash is stored, and the token itself nowhere in the database.
    const withToken = await rowOf(email)
    expect(withToken.confirm_token_hash).toBe(sha256(token))
    const expiresInHours = (new Date(withToken.confirm_token_expires_at).getTime() - Date.now()) / 3600_000
    expect(expiresInHours).toBeGreaterThan(47.9)
    expect(expiresInHours).toBeLessThanOrEqual(48)
    expect(await tablesContaining(token)).toEqual([])
    expect((await query('SELECT count(*) AS n FROM subscribers s WHERE strpos(s::text, $1) > 0', [token]))[0].n).toBe('0')
    expect((await query('SELECT count(*) AS n FROM payload_jobs j WHERE strpos(j::text, $1) > 0', [token]))[0].n).toBe('0')
    // (the search itself finds what is there)
    expect(await tablesContaining(withToken.confirm_token_hash)).toEqual(['subscribers'])

    // Confirming needs the site token too.
    expect((await call('confirm', { token }, { auth: null })).status).toBe(401)
    expect((await rowOf(email)).status).toBe('pending')

    const confirmed = await call('confirm', { token })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toEqual({ status: 'confirmed' })
    const afterConfirm = await rowOf(email)
    expect(afterConfirm.status).toBe('confirmed')
    expect(afterConfirm.confirmed_at).not.toBeNull()
    expect(afterConfirm.confirm_token_hash).toBeNull()

    const reused = await call('confirm', { token })
    expect(reused.status).toBe(404)
    expect(reused.body).toEqual({ status: 'invalid' })

    // A tampered unsubscribe token does nothing.
    const [id, mac] = unsubscribeToken.split('.') as [string, string]
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A')
    for (const tampered of [`${id}.${flipped}`, `${Number(id) + 1}.${mac}`, `${id}.${mac}x`, id, '']) {
      const reply = await call('unsubscribe', { token: tampered })
      expect(reply.status, tampered).toBe(404)
      expect(reply.body).toEqual({ status: 'invalid' })
    }
    expect((await call('unsubscribe', { token: unsubscribeToken }, { auth: `Bearer x${SITE_TOKEN.slice(1)}` })).status).toBe(401)
    expect((await rowOf(email)).status).toBe('confirmed')

    const unsubscribed = await call('unsubscribe', { token: unsubscribeToken })
    expect(unsubscribed.status).toBe(200)
    expect(unsubscribed.body).toEqual({ status: 'unsubscribed' })
    const afterUnsubscribe = await rowOf(email)
    expect(afterUnsubscribe.status).toBe('unsubscribed')
    expect(afterUnsubscribe.unsubscribed_at).not.toBeNull()
    // The link in an old email keeps working (answering the same) after it has been used.
    expect((await call('unsubscribe', { token: unsubscribeToken })).status).toBe(200)
    await expectMails(email, 1)
  })
})

describe('expired links', () => {
  it('answers 410 to an expired token; a resend sends a new link once the throttle allows, and the old one dies', async () => {
    const email = newAddress('expired')
    expect((await signup(email)).status).toBe(202)
    const [first] = await expectMails(email, 1)
    const oldToken = confirmTokenOf(first!)
    await query(`UPDATE subscribers SET confirm_token_expires_at = now() - interval '1 minute' WHERE email_key = lower($1)`, [email])

    const expired = await call('confirm', { token: oldToken })
    expect(expired.status).toBe(410)
    expect(expired.body).toEqual({ status: 'expired' })
    expect((await rowOf(email)).status).toBe('pending')

    // Within the throttle window: accepted, but nothing is sent.
    const early = await call('resend', { token: oldToken })
    expect(early.status).toBe(202)
    expect(early.body).toEqual(ACCEPTED)
    await expectMails(email, 1)

    await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '11 minutes' WHERE email_key = lower($1)`, [email])
    const resent = await call('resend', { token: oldToken })
    expect(resent.status).toBe(202)
    expect(resent.body).toEqual(ACCEPTED)
    const [, second] = await expectMails(email, 2)
    const newToken = confirmTokenOf(second!)
    expect(newToken).not.toBe(oldToken)
    expect(unsubscribeTokenOf(second!)).toBe(unsubscribeTokenOf(first!))

    expect((await call('confirm', { token: oldToken })).status).toBe(404)
    expect((await call('resend', { token: oldToken })).status).toBe(202) // the same answer, and no email
    const confirmed = await call('confirm', { token: newToken })
    expect(confirmed.status).toBe(200)
    expect((await rowOf(email)).status).toBe('confirmed')
    await expectMails(email, 2)
  })

  it('answers a resend with an unknown or malformed token the same way, and sends nothing', async () => {
    const inboxBefore = inbox.length
    for (const token of ['A'.repeat(43), 'short', '', 42]) {
      const reply = await call('resend', { token })
      expect(reply.status).toBe(202)
      expect(reply.body).toEqual(ACCEPTED)
    }
    await settle()
    expect(inbox.length).toBe(inboxBefore)
  })
})

describe('signing up again', () => {
  it('re-sends to a pending address at most once per throttle window', async () => {
    const email = newAddress('pending')
    expect((await signup(email)).status).toBe(202)
    await expectMails(email, 1)
    expect((await signup(email)).status).toBe(202)
    expect((await signup(email, { firstName: 'Dina' })).status).toBe(202)
    await expectMails(email, 1)
    expect(await countRows(email)).toBe(1)

    await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '11 minutes' WHERE email_key = lower($1)`, [email])
    expect((await signup(email, { firstName: 'Dina' })).status).toBe(202)
    const [first, second] = await expectMails(email, 2)
    expect((await rowOf(email)).first_name).toBe('Dina')
    // The newest link confirms; the one it replaced does not.
    expect((await call('confirm', { token: confirmTokenOf(first!) })).status).toBe(404)
    expect((await call('confirm', { token: confirmTokenOf(second!) })).status).toBe(200)
  })

  it('changes nothing and sends nothing for a confirmed address, even after the throttle window', async () => {
    const { email } = await confirmedAddress('confirmed')
    await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '1 day' WHERE email_key = lower($1)`, [email])
    const before = await rowOf(email)
    expect(before.status).toBe('confirmed')
    const reply = await signup(email, { firstName: 'Someone', lastName: 'Else', postalCode: '99999', sourcePage: '/other' })
    expect(reply.status).toBe(202)
    await expectMails(email, 1)
    expect(await rowOf(email)).toEqual(before)
  })

  it('makes an unsubscribed address pending again, with fresh consent and a new email', async () => {
    const { email, mail } = await confirmedAddress('resubscribe')
    expect((await call('unsubscribe', { token: unsubscribeTokenOf(mail) })).status).toBe(200)
    const unsubscribed = await rowOf(email)
    expect(unsubscribed.status).toBe('unsubscribed')

    const reply = await signup(email, { firstName: 'Returning', sourcePage: '/wire/again' })
    expect(reply.status).toBe(202)
    const row = await rowOf(email)
    expect(row.status).toBe('pending')
    expect(row.id).toBe(unsubscribed.id)
    expect(row.first_name).toBe('Returning')
    expect(row.source_page).toBe('/wire/again')
    expect(new Date(row.consented_at).getTime()).toBeGreaterThan(new Date(unsubscribed.consented_at).getTime())

    const [, second] = await expectMails(email, 2)
    expect((await call('confirm', { token: confirmTokenOf(second!) })).status).toBe(200)
    expect((await rowOf(email)).status).toBe('confirmed')
  })
})

describe('no enumeration', () => {
  it('answers a new, a pending, a confirmed and an unsubscribed address identically', async () => {
    const pending = newAddress('enum-pending')
    expect((await signup(pending)).status).toBe(202)
    await expectMails(pending, 1)
    const { email: confirmed } = await confirmedAddress('enum-confirmed')
    const { email: unsubscribed, mail } = await confirmedAddress('enum-unsubscribed')
    expect((await call('unsubscribe', { token: unsubscribeTokenOf(mail) })).status).toBe(200)
    const fresh = newAddress('enum-new')

    const replies = []
    for (const email of [fresh, pending, confirmed, unsubscribed]) replies.push(await signup(email))
    const seen = replies.map((r) => ({
      status: r.status,
      text: r.text,
      contentType: r.headers.get('content-type'),
      cacheControl: r.headers.get('cache-control'),
      retryAfter: r.headers.get('retry-after'),
    }))
    expect(seen[0]).toEqual({ status: 202, text: JSON.stringify(ACCEPTED), contentType: expect.stringContaining('application/json'), cacheControl: 'no-store', retryAfter: null })
    for (const other of seen.slice(1)) expect(other).toEqual(seen[0])
    await settle()
  })
})

describe('concurrency', () => {
  it('stores one row for 100 simultaneous sign-ups of one address, and sends one email', async () => {
    const email = newAddress('burst')
    const replies = await Promise.all(Array.from({ length: 100 }, () => signup(email)))
    const statuses = replies.map((r) => r.status)
    expect(statuses.filter((s) => s !== 202 && s !== 429), JSON.stringify(replies.filter((r) => r.status !== 202 && r.status !== 429).map((r) => r.body))).toEqual([])
    // The per-address allowance is 5 an hour, spent atomically.
    expect(statuses.filter((s) => s === 202)).toHaveLength(5)
    expect(await countRows(email)).toBe(1)
    await expectMails(email, 1)
  })

  it('stores a row for every one of 200 simultaneous sign-ups of different addresses', async () => {
    const emails = Array.from({ length: 200 }, (_, i) => newAddress(`crowd${i}`))
    const replies = await Promise.all(emails.map((email) => signup(email)))
    const bad = replies.filter((r) => r.status !== 202)
    expect(bad.map((r) => [r.status, r.body])).toEqual([])
    const stored = await query<{ email_key: string; status: string }>('SELECT email_key, status FROM subscribers WHERE email_key = ANY($1)', [
      emails.map((e) => e.toLowerCase()),
    ])
    expect(stored).toHaveLength(200)
    expect(new Set(stored.map((r) => r.email_key))).toEqual(new Set(emails.map((e) => e.toLowerCase())))
    expect(stored.every((r) => r.status === 'pending')).toBe(true)
    // Every address gets its email, and only one.
    await expect.poll(() => emails.filter((e) => mailsTo(e).length > 0).length, { timeout: 60_000, interval: 250 }).toBe(200)
    await settle()
    const counts = emails.map((e) => mailsTo(e).length)
    expect(counts.filter((n) => n !== 1), 'addresses that did not get exactly one email').toEqual([])
  }, 180_000)
})

describe('rate limits', () => {
  it('refuses the 11th sign-up from one IP in 10 minutes with 429 and Retry-After, storing nothing', async () => {
    const ip = '203.0.113.7'
    const emails = Array.from({ length: 11 }, (_, i) => newAddress(`ip${i}`))
    for (const email of emails.slice(0, 10)) expect((await signup(email, { ip })).status, email).toBe(202)
    const refused = await signup(emails[10]!, { ip })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(Number.isInteger(retryAfter)).toBe(true)
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(600)
    expect(refused.body).toEqual({ error: expect.stringMatching(/Too many sign-ups/), retryAfter })
    expect(await countRows(emails[10]!)).toBe(0)
    // Another IP is not affected.
    const other = newAddress('ip-other')
    expect((await signup(other, { ip: '203.0.113.8' })).status).toBe(202)
    await expectMails(emails[10]!, 0)
  })

  it('refuses the 6th sign-up of one address in an hour, whatever the IP, changing nothing', async () => {
    const email = newAddress('address-limit')
    for (let i = 0; i < 5; i++) expect((await signup(email, { ip: `198.51.100.${i + 1}` })).status).toBe(202)
    await expectMails(email, 1)
    await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '1 day' WHERE email_key = lower($1)`, [email])
    const before = await rowOf(email)
    const refused = await signup(email, { ip: '198.51.100.99', firstName: 'Changed' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600)
    expect(refused.body).toEqual({ error: expect.any(String), retryAfter: Number(refused.headers.get('retry-after')) })
    expect(await rowOf(email)).toEqual(before)
    await expectMails(email, 1)
  })
})

describe('bots', () => {
  it('answers a filled honeypot or a too-fast form as if accepted, and stores nothing', async () => {
    const honeypot = newAddress('honeypot')
    const fast = newAddress('fast')
    const trapped = [await signup(honeypot, { website: 'https://spam.example' }), await signup(fast, { renderedAt: Date.now() })]
    for (const reply of trapped) {
      expect(reply.status).toBe(202)
      expect(reply.body).toEqual(ACCEPTED)
    }
    expect(await countRows(honeypot)).toBe(0)
    expect(await countRows(fast)).toBe(0)
    await expectMails(honeypot, 0)
    await expectMails(fast, 0)
    // The same forms without the trap are stored.
    expect((await signup(fast, { renderedAt: Date.now() - 3500 })).status).toBe(202)
    expect(await countRows(fast)).toBe(1)
  })
})

describe('erasure', () => {
  it('deleting a subscriber leaves no row, no job naming them, and the address nowhere', async () => {
    const email = newAddress('erase-me')
    expect((await signup(email)).status).toBe(202)
    await expectMails(email, 1)
    const { id } = await rowOf(email)
    const keep = newAddress('keep-me')
    expect((await signup(keep)).status).toBe(202)
    await expectMails(keep, 1)
    const { id: keepId } = await rowOf(keep)

    // A retry waiting for its turn names the subscriber, as does an older job; another names someone else.
    const later = new Date(Date.now() + 24 * 3600_000)
    for (const subscriber of [id, id, keepId]) {
      await payload.jobs.queue({ task: 'sendConfirmationEmail', queue: 'newsletter', input: { subscriber }, waitUntil: later })
    }
    const jobsNaming = async (who: number) =>
      Number((await query(`SELECT count(*) AS n FROM payload_jobs WHERE input->>'subscriber' = $1`, [String(who)]))[0].n)
    expect(await jobsNaming(id)).toBe(2)
    expect(await tablesContaining(email)).toContain('subscribers')

    await payload.delete({ collection: 'subscribers', id })

    expect(await countRows(email)).toBe(0)
    expect(await jobsNaming(id)).toBe(0)
    expect(await tablesContaining(email)).toEqual([])
    // Only that subscriber's traces.
    expect(await jobsNaming(keepId)).toBe(1)
    expect(await countRows(keep)).toBe(1)
    await query(`DELETE FROM payload_jobs WHERE input->>'subscriber' = $1`, [String(keepId)])
  })
})
