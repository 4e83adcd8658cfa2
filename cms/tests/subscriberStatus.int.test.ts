/**
 * The subscriber list as an admin can trust it: a status change is recorded with who and when,
 * nothing the system records is typed over, a refused change says why on its field and changes
 * nothing, and erasing a person says what went and leaves an audit line without their address.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { BACK_TO_PENDING_MESSAGE, recordedMessage } from '../src/collections/Subscribers/statusByHand'
import { unsubscribeToken } from '../src/newsletter/tokens'
import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber } from './helpers/fixtures'
import { journaled, newsletterClient } from './helpers/newsletter'
import { startTestPayload } from './helpers/testPayload'

const SITE_TOKEN = 'test-site-token-0123456789-abcdefghijklmnop'

let payload: Payload
let api: ReturnType<typeof apiClient>
let call: ReturnType<typeof newsletterClient>
let admin: { id: number; token: string }
const tokens: Record<'editor' | 'writer', string> = { editor: '', writer: '' }

beforeAll(async () => {
  process.env.NEWSLETTER_SITE_TOKEN = SITE_TOKEN
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  call = newsletterClient(started.config, SITE_TOKEN)
  const signedIn = await signIn(payload, 'admin')
  admin = { id: signedIn.user.id, token: signedIn.token }
  tokens.editor = (await signIn(payload, 'editor')).token
  tokens.writer = (await signIn(payload, 'writer')).token
})

const row = async (id: number) => (await payload.db.pool.query('SELECT * FROM subscribers WHERE id = $1', [id])).rows[0]

/** A person who signed up on the site: pending, with their sign-up record and a confirmation email queued. */
async function signedUp(email: string): Promise<number> {
  const reply = await call('signups', { signups: [journaled(email)] })
  expect(reply.status).toBe(200)
  const found = await payload.find({ collection: 'subscribers', where: { email: { equals: email } }, limit: 1 })
  return found.docs[0]!.id
}

describe('an admin changing a status', () => {
  it('unsubscribes someone, recording who and when, and retires the confirmation links still out', async () => {
    const id = await signedUp('leaving@reader.example')
    const before = Date.now()
    const reply = await api.request('PATCH', `/api/subscribers/${id}`, { token: admin.token, body: { status: 'unsubscribed' } })
    expect(reply.status).toBe(200)
    const after = await payload.findByID({ collection: 'subscribers', id, depth: 0 })
    expect(after).toMatchObject({ status: 'unsubscribed', unsubscribedVia: 'admin', unsubscribedBy: admin.id })
    expect(new Date(after.unsubscribedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000)
    const links = await payload.db.pool.query('SELECT count(*)::int AS n FROM newsletter_signups WHERE subscriber_id = $1 AND confirm_token_hash IS NOT NULL', [
      id,
    ])
    expect(links.rows[0].n).toBe(0)
  })

  it('records a person’s own unsubscribe as theirs, by the link in an email', async () => {
    const person = await createConfirmedSubscriber(payload, { email: 'by-link@reader.example' })
    const reply = await call('unsubscribe', { token: unsubscribeToken(person.id, payload.secret) })
    expect(reply.status).toBe(200)
    expect(await payload.findByID({ collection: 'subscribers', id: person.id, depth: 0 })).toMatchObject({
      status: 'unsubscribed',
      unsubscribedVia: 'link',
      unsubscribedBy: null,
    })
  })

  it('cannot put anyone back to pending, and says why on the status field', async () => {
    const confirmed = await createConfirmedSubscriber(payload, { email: 'stays-confirmed@reader.example' })
    const left = await createConfirmedSubscriber(payload, { email: 'stays-gone@reader.example' })
    await api.request('PATCH', `/api/subscribers/${left.id}`, { token: admin.token, body: { status: 'unsubscribed' } })
    for (const [id, was] of [
      [confirmed.id, 'confirmed'],
      [left.id, 'unsubscribed'],
    ] as const) {
      const before = await row(id)
      const reply = await api.request('PATCH', `/api/subscribers/${id}`, { token: admin.token, body: { status: 'pending', firstName: 'Changed' } })
      expect(reply.status).toBe(400)
      expect(reply.body.errors[0].data.errors).toEqual([{ path: 'status', message: BACK_TO_PENDING_MESSAGE[was] }])
      expect(await row(id)).toEqual(before)
    }
  })

  it('cannot type over what the system records (consent, confirmation, who unsubscribed), field by field', async () => {
    const person = await createConfirmedSubscriber(payload, { email: 'recorded@reader.example' })
    const before = await row(person.id)
    const reply = await api.request('PATCH', `/api/subscribers/${person.id}`, {
      token: admin.token,
      body: { consentedAt: '2020-01-01T00:00:00.000Z', consentText: 'Something else', unsubscribedBy: admin.id },
    })
    expect(reply.status).toBe(400)
    const errors = reply.body.errors[0].data.errors as { path: string; message: string }[]
    expect(errors.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'consentText', message: recordedMessage('consentText') },
      { path: 'consentedAt', message: recordedMessage('consentedAt') },
      { path: 'unsubscribedBy', message: recordedMessage('unsubscribedBy') },
    ])
    expect(await row(person.id)).toEqual(before)
    // The same values sent back unchanged (as the admin's form does on every save) are no change.
    const resave = await api.request('PATCH', `/api/subscribers/${person.id}`, {
      token: admin.token,
      body: { consentedAt: person.consentedAt, consentText: person.consentText, firstName: 'Edited' },
    })
    expect(resave.status).toBe(200)
  })

  it('has no "Duplicate": a copy of a person is nobody’s sign-up', async () => {
    const person = await createConfirmedSubscriber(payload, { email: 'only-once@reader.example' })
    const count = () => payload.count({ collection: 'subscribers' }).then((r) => r.totalDocs)
    const before = await count()
    const reply = await api.request('POST', `/api/subscribers/${person.id}/duplicate`, { token: admin.token, body: {} })
    expect(reply.status).toBeGreaterThanOrEqual(400)
    expect(await count()).toBe(before)
  })
})

describe('erasing a subscriber', () => {
  it('takes their row, consent record, sign-ups and queued emails, says so, and leaves an audit line without the address', async () => {
    const email = 'erase-me@reader.example'
    const id = await signedUp(email)
    const keep = await signedUp('keep-me@reader.example')
    const queued = await payload.db.pool.query('SELECT count(*)::int AS n FROM newsletter_outbox WHERE subscriber_id = $1', [id])
    expect(queued.rows[0].n).toBe(1)

    const reply = await api.request('POST', `/api/subscribers/${id}/erase`, { token: admin.token })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ signups: 1, emailsDropped: 1 })
    expect(reply.body.message).toBe(`Subscriber ${id} is erased: their address, details and consent record, 1 sign-up record(s) and 1 queued email(s).`)

    const left = await payload.db.pool.query(
      `SELECT (SELECT count(*) FROM subscribers WHERE id = $1) + (SELECT count(*) FROM newsletter_signups WHERE subscriber_id = $1)
            + (SELECT count(*) FROM newsletter_outbox WHERE subscriber_id = $1) AS n`,
      [id],
    )
    expect(Number(left.rows[0].n)).toBe(0)
    expect(await row(keep)).toMatchObject({ email: 'keep-me@reader.example' })

    const audit = await payload.find({ collection: 'subscriber-erasures', where: { subscriberNumber: { equals: id } }, depth: 0 })
    expect(audit.docs).toEqual([
      expect.objectContaining({ subscriberNumber: id, statusAtErasure: 'pending', signupsErased: 1, emailsDropped: 1, erasedBy: admin.id }),
    ])
    const everywhere = await payload.db.pool.query(`SELECT to_jsonb(e)::text AS line FROM subscriber_erasures e`)
    for (const { line } of everywhere.rows) expect(line).not.toContain('erase-me')

    const again = await api.request('POST', `/api/subscribers/${id}/erase`, { token: admin.token })
    expect(again.status).toBe(404)
  })

  it('drops a sign-up made before the erasure that reaches the CMS after it, and takes one made after', async () => {
    const email = 'Held-Up@reader.example'
    const id = await signedUp(email)
    // While the CMS could not be reached, the person signed up again on the site: held in its journal.
    const heldUp = journaled(email, { receivedAt: new Date(Date.now() - 60_000).toISOString(), firstName: 'Before' })
    expect((await api.request('POST', `/api/subscribers/${id}/erase`, { token: admin.token })).status).toBe(200)
    const late = await call('signups', { signups: [heldUp] })
    expect(late.status).toBe(200)
    expect(late.body.recorded).toEqual([heldUp.id]) // acknowledged, so the site server forgets it
    const onList = async () => (await payload.db.pool.query(`SELECT first_name, status FROM subscribers WHERE email_key = 'held-up@reader.example'`)).rows
    expect(await onList()).toEqual([])
    expect((await payload.db.pool.query('SELECT 1 FROM newsletter_signups WHERE id = $1', [heldUp.id])).rows).toHaveLength(0)
    // Signing up again after the erasure is a new consent: taken.
    await call('signups', { signups: [journaled('held-up@reader.example', { firstName: 'After' })] })
    expect(await onList()).toEqual([{ first_name: 'After', status: 'pending' }])
  })

  it('is for admins only, through its own action: Payload’s delete is closed to everyone over REST and GraphQL', async () => {
    const id = await signedUp('not-yours@reader.example')
    expect((await api.request('POST', `/api/subscribers/${id}/erase`, {})).status).toBe(403)
    for (const role of ['editor', 'writer'] as const) {
      expect((await api.request('POST', `/api/subscribers/${id}/erase`, { token: tokens[role] })).status).toBe(403)
    }
    expect((await api.request('DELETE', `/api/subscribers/${id}`, { token: admin.token })).status).toBe(403)
    expect((await api.request('DELETE', `/api/subscribers?where[id][equals]=${id}`, { token: admin.token })).status).toBeGreaterThanOrEqual(400)
    const graphql = await api.graphql(`mutation { deleteSubscriber(id: ${id}) { id } }`, { token: admin.token })
    expect(graphql.body.errors?.[0]?.message).toBeTruthy()
    expect(await row(id)).toMatchObject({ email: 'not-yours@reader.example' })
    // Nobody writes the audit trail by hand either.
    const forged = await api.request('POST', '/api/subscriber-erasures', { token: admin.token, body: { subscriberNumber: 1 } })
    expect(forged.status).toBe(403)
  })
})
