/**
 * "Get the Wire" inside the CMS: the site server's calls through the real Next route handler
 * (sign-ups arrive in batches from the site server's journal, cms/src/contract/newsletter.ts),
 * the confirmation emails sent from the outbox, delivered over SMTP to a real SMTP server in
 * this process and parsed as a mail client would.
 */
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'

import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { JournaledSignup } from '../src/contract'
import { mailCatcher, type Mail } from './helpers/mailCatcher'
import { drainOutbox, journaled, newsletterClient } from './helpers/newsletter'
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
const smtp = mailCatcher((mail) => inbox.push(mail))

let payload: Payload
let call: ReturnType<typeof newsletterClient>

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
  delete process.env.NEWSLETTER_MAX_EMAILS_PER_DAY
  const started = await startTestPayload()
  payload = started.payload
  call = newsletterClient(started.config, SITE_TOKEN)
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

let counter = 0
/** A fresh address for every use, so tests never share state or rate limits. */
const newAddress = (label: string) => `${label}.${++counter}.${process.pid}@example.org`

/** Hands the CMS a batch of sign-ups, as the site server does from its journal. */
const deliver = (...signups: JournaledSignup[]) => call('signups', { signups })
/** One sign-up, delivered; the CMS must record it. */
async function signup(email: string, extra: Partial<JournaledSignup> = {}) {
  const sent = journaled(email, extra)
  const reply = await deliver(sent)
  expect(reply.status, reply.text).toBe(200)
  expect(reply.body).toEqual({ recorded: [sent.id], rejected: [] })
  return sent
}

let observer: pg.Pool | undefined
/**
 * SQL for the test's own look at the database, on connections of its own (a pool like
 * Payload's), so that what it observes is not held up behind the CMS's queries under load.
 */
const query = async <T = any>(text: string, params: unknown[] = []): Promise<T[]> => {
  if (!observer) {
    observer = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 })
  }
  return (await observer.query(text, params)).rows as T[]
}

const signupsOf = async (email: string) =>
  query('SELECT g.* FROM newsletter_signups g JOIN subscribers s ON s.id = g.subscriber_id WHERE s.email_key = lower($1) ORDER BY g.received_at', [email])
const rowOf = async (email: string) => (await query('SELECT * FROM subscribers WHERE email_key = lower($1)', [email]))[0]
const countRows = async (email: string) => Number((await query('SELECT count(*) AS n FROM subscribers WHERE email_key = lower($1)', [email]))[0].n)

const mailsTo = (email: string) => inbox.filter((mail) => mail.to.includes(email.toLowerCase()))

/** Sends every email due (as the job runner would), then expects exactly `count` emails to the address. */
async function expectMails(email: string, count: number): Promise<Mail[]> {
  await drainOutbox(payload)
  const mails = mailsTo(email)
  expect(mails, `emails to ${email}`).toHaveLength(count)
  return mails
}

const header = (mail: Mail, name: string) =>
  mail.parsed.headerLines.filter((h) => h.key === name.toLowerCase()).map((h) => h.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, ''))

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
  await signup(email)
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
      const reply = await call('signups', { signups: [journaled(email)] }, { auth })
      expect(reply.status, `Authorization: ${auth}`).toBe(401)
      expect(reply.body).toEqual({ error: expect.any(String) })
    }
    for (const action of ['confirm', 'resend', 'unsubscribe'] as const) {
      expect((await call(action, { token: 'x' }, { auth: null })).status, action).toBe(401)
    }
    expect(await countRows(email)).toBe(0)
    await expectMails(email, 0)
    // The same batch with the token is stored, so the 401s above are what kept it out.
    await signup(email)
    expect(await countRows(email)).toBe(1)
    await expectMails(email, 1)
  })

  it('answers 400 to a body that is not a JSON object, or a batch that is not a list of at most 500', async () => {
    for (const raw of ['not json', '{"email": ', '[]', JSON.stringify([journaled(newAddress('array'))]), 'null', '"text"', '42']) {
      for (const action of ['signups', 'confirm', 'resend', 'unsubscribe'] as const) {
        const reply = await call(action, undefined, { raw })
        expect(reply.status, `${action} ${raw}`).toBe(400)
        expect(reply.body).toEqual({ error: 'Send a JSON object.' })
      }
    }
    const tooMany = Array.from({ length: 501 }, (_, i) => journaled(newAddress(`array${i}`)))
    for (const body of [{}, { signups: 'x' }, { signups: [1] }, { signups: tooMany }]) {
      const reply = await call('signups', body)
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ error: expect.stringContaining('at most 500') })
    }
    expect(Number((await query('SELECT count(*) AS n FROM subscribers WHERE email_key LIKE $1', ['array%']))[0].n)).toBe(0)
  })

  it('rejects an invalid sign-up with a message per field, storing nothing, and records the valid ones beside it', async () => {
    const good = journaled(newAddress('beside-bad'))
    const bad = journaled('not-an-address', { postalCode: '<script>' })
    const noId = { ...journaled(newAddress('no-id')), id: 'not-a-uuid' }
    const reply = await deliver(bad, good, noId)
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({
      recorded: [good.id],
      rejected: [
        { id: bad.id, errors: { email: expect.any(String), postalCode: expect.any(String) } },
        { id: 'not-a-uuid', errors: { form: expect.any(String) } },
      ],
    })
    expect(await countRows('not-an-address')).toBe(0)
    expect(await countRows(noId.email)).toBe(0)
    expect(await countRows(good.email)).toBe(1)
  })
})

describe('double opt-in', () => {
  it('stores a pending sign-up with its consent, emails a link, confirms once, unsubscribes in one click', async () => {
    const email = newAddress('Dana.Levi').replace('@example.org', '@Example.ORG')
    const receivedAt = new Date(Date.now() - 90_000).toISOString()
    const sent = await signup(email, { firstName: 'Dana', lastName: 'Levi', postalCode: '10115', sourcePage: '/wire', receivedAt })

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
    // Consent was given when the person sent the form at the site, not when the CMS heard of it.
    expect(new Date(row.consented_at).toISOString()).toBe(receivedAt)
    const [signupRow] = await signupsOf(email)
    expect(signupRow).toMatchObject({ id: sent.id, subscriber_id: row.id, consent_text: SETTINGS.newsletter.consentText, source_page: '/wire' })

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
    const [withToken] = await signupsOf(email)
    expect(withToken.confirm_token_hash).toBe(sha256(token))
    const expiresInHours = (new Date(withToken.confirm_token_expires_at).getTime() - Date.now()) / 3600_000
    expect(expiresInHours).toBeGreaterThan(47.9)
    expect(expiresInHours).toBeLessThanOrEqual(48)
    expect(await tablesContaining(token)).toEqual([])
    // (the search itself finds what is there)
    expect(await tablesContaining(withToken.confirm_token_hash)).toEqual(['newsletter_signups'])

    // Confirming needs the site token too.
    expect((await call('confirm', { token }, { auth: null })).status).toBe(401)
    expect((await rowOf(email)).status).toBe('pending')

    const confirmed = await call('confirm', { token })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toEqual({ status: 'confirmed' })
    const afterConfirm = await rowOf(email)
    expect(afterConfirm.status).toBe('confirmed')
    expect(afterConfirm.confirmed_at).not.toBeNull()
    expect((await signupsOf(email))[0].confirm_token_hash).toBeNull()

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

  it('records a sign-up delivered twice (a retry after a lost answer) once, with one email', async () => {
    const email = newAddress('twice')
    const sent = journaled(email)
    for (let i = 0; i < 3; i++) expect((await deliver(sent)).body).toEqual({ recorded: [sent.id], rejected: [] })
    // Delivered at the same moment too, by two site servers sharing nothing but the id.
    const replies = await Promise.all([deliver(sent), deliver(sent)])
    for (const reply of replies) expect(reply.body).toEqual({ recorded: [sent.id], rejected: [] })
    expect(await signupsOf(email)).toHaveLength(1)
    expect(await countRows(email)).toBe(1)
    await expectMails(email, 1)
  })
})

describe('expired links', () => {
  it('answers 410 to an expired token; a resend sends a new link once the throttle allows, and the old one dies', async () => {
    const email = newAddress('expired')
    await signup(email)
    const [first] = await expectMails(email, 1)
    const oldToken = confirmTokenOf(first!)
    await query(`UPDATE newsletter_signups SET confirm_token_expires_at = now() - interval '1 minute' WHERE confirm_token_hash = $1`, [sha256(oldToken)])

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
    await drainOutbox(payload)
    expect(inbox.length).toBe(inboxBefore)
  })
})

describe('signing up again', () => {
  it('re-sends to a pending address at most once per throttle window; a stranger’s details apply only if its link is confirmed', async () => {
    const email = newAddress('pending')
    await signup(email)
    await expectMails(email, 1)
    await signup(email)
    await signup(email, { firstName: 'Dina' })
    await expectMails(email, 1)
    expect(await countRows(email)).toBe(1)
    expect(await signupsOf(email)).toHaveLength(3)
    expect((await rowOf(email)).first_name).toBe('Dana')

    await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '11 minutes' WHERE email_key = lower($1)`, [email])
    await signup(email, { firstName: 'Dina', sourcePage: '/faq' })
    const [, second] = await expectMails(email, 2)
    // Whoever typed "Dina", the record keeps the first sign-up's details until that link is used.
    expect((await rowOf(email)).first_name).toBe('Dana')
    expect((await call('confirm', { token: confirmTokenOf(second!) })).status).toBe(200)
    expect(await rowOf(email)).toMatchObject({ status: 'confirmed', first_name: 'Dina', source_page: '/faq' })
  })

  it('changes nothing and sends nothing for a confirmed address, even after the throttle window', async () => {
    const { email } = await confirmedAddress('confirmed')
    await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '1 day' WHERE email_key = lower($1)`, [email])
    const before = await rowOf(email)
    expect(before.status).toBe('confirmed')
    await signup(email, { firstName: 'Someone', lastName: 'Else', postalCode: '99999', sourcePage: '/other' })
    await expectMails(email, 1)
    expect(await rowOf(email)).toEqual(before)
  })

  it('keeps an unsubscribed address unsubscribed, with its record, until the new sign-up is confirmed', async () => {
    const { email, mail } = await confirmedAddress('resubscribe')
    expect((await call('unsubscribe', { token: unsubscribeTokenOf(mail) })).status).toBe(200)
    const unsubscribed = await rowOf(email)
    expect(unsubscribed.status).toBe('unsubscribed')

    const again = await signup(email, { firstName: 'Returning', sourcePage: '/wire', receivedAt: new Date().toISOString() })
    // Only the time of the email it asked for changes.
    expect(await rowOf(email)).toEqual({ ...unsubscribed, confirmation_requested_at: expect.any(Date) })

    const [, second] = await expectMails(email, 2)
    expect((await call('confirm', { token: confirmTokenOf(second!) })).status).toBe(200)
    const row = await rowOf(email)
    expect(row).toMatchObject({ id: unsubscribed.id, status: 'confirmed', first_name: 'Returning', source_page: '/wire' })
    expect(new Date(row.consented_at).toISOString()).toBe(again.receivedAt)
  })

  it('sends an address at most 5 emails a day, however often it is signed up', async () => {
    const email = newAddress('flooded')
    for (let i = 0; i < 8; i++) {
      await signup(email)
      await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '11 minutes' WHERE email_key = lower($1)`, [email])
    }
    await expectMails(email, 5)
    expect(await signupsOf(email)).toHaveLength(8)
  })
})

describe('every state gets the same answer', () => {
  it('answers a batch of a new, a pending, a confirmed and an unsubscribed address by recording each', async () => {
    const pending = newAddress('enum-pending')
    await signup(pending)
    await expectMails(pending, 1)
    const { email: confirmed } = await confirmedAddress('enum-confirmed')
    const { email: unsubscribed, mail } = await confirmedAddress('enum-unsubscribed')
    expect((await call('unsubscribe', { token: unsubscribeTokenOf(mail) })).status).toBe(200)
    const batch = [newAddress('enum-new'), pending, confirmed, unsubscribed].map((email) => journaled(email))
    const reply = await deliver(...batch)
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ recorded: batch.map((s) => s.id), rejected: [] })
    expect(reply.headers.get('cache-control')).toBe('no-store')
  })
})

describe('an unsubscribe link asked for on the site', () => {
  it('is emailed to an address on the list, answers the same for every address, and unsubscribes', async () => {
    const { email } = await confirmedAddress('lost-emails')
    const stranger = newAddress('not-on-the-list')
    for (const address of [email, stranger, email.toUpperCase(), 'not an address', '']) {
      const reply = await call('unsubscribeLink', { email: address })
      expect(reply.status, address).toBe(202)
      expect(reply.body).toEqual(ACCEPTED)
    }
    // Two asked for (the address as typed, and in capitals): two emails with the link, none to the stranger.
    const mails = (await expectMails(email, 3)).slice(1)
    expect(mailsTo(stranger)).toEqual([])
    for (const mail of mails) {
      expect(mail.parsed.subject).toBe('Your link to unsubscribe from Get the Wire')
      expect(mail.parsed.text).toContain('If it was not you, ignore this email: nothing changes.')
      expect(mail.parsed.text).not.toMatch(CONFIRM_LINK)
    }
    expect((await rowOf(email)).status).toBe('confirmed')
    expect((await call('unsubscribe', { token: unsubscribeTokenOf(mails[0]!) })).status).toBe(200)
    expect(await rowOf(email)).toMatchObject({ status: 'unsubscribed', unsubscribed_via: 'link' })

    // Already out: nothing more is sent.
    expect((await call('unsubscribeLink', { email })).status).toBe(202)
    await expectMails(email, 3)
  })

  it('sends an address at most the day’s allowance of emails, however often it is asked for', async () => {
    const { email } = await confirmedAddress('asked-often')
    for (let i = 0; i < 8; i++) expect((await call('unsubscribeLink', { email })).status).toBe(202)
    await expectMails(email, 5) // the confirmation, and four links
  })
})

describe('concurrency', () => {
  it('stores one row for 100 simultaneous sign-ups of one address, and sends one email', async () => {
    const email = newAddress('burst')
    const replies = await Promise.all(Array.from({ length: 100 }, () => deliver(journaled(email))))
    expect(replies.filter((r) => r.status !== 200).map((r) => r.text)).toEqual([])
    expect(await countRows(email)).toBe(1)
    expect(await signupsOf(email)).toHaveLength(100)
    await expectMails(email, 1)
  })

  it('stores a row for every one of 200 addresses arriving at once, in batches and alone, and sends each one email', async () => {
    const emails = Array.from({ length: 200 }, (_, i) => newAddress(`crowd${i}`))
    const batches = [emails.slice(0, 80), emails.slice(80, 150), ...emails.slice(150).map((e) => [e])]
    const replies = await Promise.all(batches.map((batch) => deliver(...batch.map((email) => journaled(email)))))
    expect(replies.filter((r) => r.status !== 200).map((r) => r.text)).toEqual([])
    const stored = await query<{ email_key: string; status: string }>('SELECT email_key, status FROM subscribers WHERE email_key = ANY($1)', [
      emails.map((e) => e.toLowerCase()),
    ])
    expect(stored).toHaveLength(200)
    expect(new Set(stored.map((r) => r.email_key))).toEqual(new Set(emails.map((e) => e.toLowerCase())))
    expect(stored.every((r) => r.status === 'pending')).toBe(true)
    await drainOutbox(payload)
    const counts = emails.map((e) => mailsTo(e).length)
    expect(
      counts.filter((n) => n !== 1),
      'addresses that did not get exactly one email',
    ).toEqual([])
  }, 180_000)
})

describe('erasure', () => {
  it('deleting a subscriber leaves no row, no sign-up, no email waiting, and the address nowhere', async () => {
    const email = newAddress('erase-me')
    await signup(email)
    await signup(email, { firstName: 'Again' })
    await query(`UPDATE subscribers SET confirmation_requested_at = now() - interval '11 minutes' WHERE email_key = lower($1)`, [email])
    await signup(email, { firstName: 'Thrice' })
    const { id } = await rowOf(email)
    const keep = newAddress('keep-me')
    await signup(keep)
    const { id: keepId } = await rowOf(keep)
    const traces = async (who: number) =>
      Number(
        (
          await query(
            `SELECT (SELECT count(*) FROM newsletter_signups WHERE subscriber_id = $1) + (SELECT count(*) FROM newsletter_outbox WHERE subscriber_id = $1) AS n`,
            [who],
          )
        )[0].n,
      )
    expect(await traces(id)).toBe(3 + 2)
    expect(await tablesContaining(email)).toContain('subscribers')

    await payload.delete({ collection: 'subscribers', id })

    expect(await countRows(email)).toBe(0)
    expect(await traces(id)).toBe(0)
    expect(await tablesContaining(email)).toEqual([])
    expect(await tablesContaining('Thrice')).toEqual([])
    // Only that subscriber's traces.
    expect(await traces(keepId)).toBe(2)
    expect(await countRows(keep)).toBe(1)
    await expectMails(keep, 1)
  })
})
