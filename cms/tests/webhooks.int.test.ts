/**
 * The webhooks to the mailing tool, against a real local HTTP receiver that fails, times out, then
 * recovers: every confirm, unsubscribe and erasure is queued by the database in the change's own
 * transaction, signed, delivered in order for each person, retried later each time and never
 * dropped; the log forgets an erased person; only admins see or touch any of it; the signing
 * secrets are sealed in the database, so its rows alone sign nothing.
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { freePort } from '../src/db/freePort'
import { loadDesk } from '../src/desk/loadDesk'
import * as sealSecrets from '../src/migrations/20261207_231226_encrypt_webhook_secrets'
import * as withdrawOnErasure from '../src/migrations/20261207_231823_erasure_withdraws_webhook_calls'
import { sendDueWebhooks, startWebhookSender } from '../src/newsletter/webhooks'
import { openWebhookSecret, sealWebhookSecret } from '../src/newsletter/webhookSecrets'
import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
const tokens: Record<string, string | undefined> = {}

/** What the receiver does with each call it gets, in turn; 'ok' once the plan is used up. */
type Behaviour = 'ok' | 'fail' | 'hang'
const plan: Behaviour[] = []
const received: { headers: IncomingHttpHeaders; raw: string; body: { id: number; type: string; subscriber: Record<string, unknown> }; answered: Behaviour }[] =
  []
let receiver: Server
let receiverUrl: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) tokens[role] = (await signIn(payload, role)).token
  receiver = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      const answered = plan.shift() ?? 'ok'
      received.push({ headers: request.headers, raw, body: JSON.parse(raw), answered })
      if (answered === 'hang') return // never answers: the sender's timeout ends it
      response.writeHead(answered === 'ok' ? 204 : 500).end()
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${port}/hooks/wire`
})

afterAll(async () => {
  receiver?.closeAllConnections()
  await new Promise((resolve) => receiver?.close(resolve))
})

beforeEach(async () => {
  plan.length = 0
  received.length = 0
  await payload.db.pool.query('DELETE FROM webhook_deliveries')
  await payload.db.pool.query('DELETE FROM webhooks')
})

async function addWebhook(data: Record<string, unknown> = {}) {
  const response = await api.request('POST', '/api/webhooks', { token: tokens.admin, body: { name: 'Mailing tool', url: receiverUrl, ...data } })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return (await payload.findByID({ collection: 'webhooks', id: response.body.doc.id })) as { id: number; secret: string }
}

type Row = { id: number; event: string; state: string; attempts: number; last_result: string | null; body: unknown; wait_seconds: number | null }
const deliveries = async () =>
  (
    await payload.db.pool.query<Row>(
      `SELECT id, event::text, state::text, attempts::int, last_result, body, extract(epoch FROM next_attempt_at - now())::float8 AS wait_seconds
       FROM webhook_deliveries ORDER BY id`,
    )
  ).rows

/** Time passes: every call waiting for its next try is due now. */
const timePasses = () => payload.db.pool.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE delivered_at IS NULL')

const send = () => sendDueWebhooks(payload, { timeoutMs: 500 })

let people = 0
const confirmedPerson = () => createConfirmedSubscriber(payload, { email: `person-${++people}@reader.example`, firstName: 'Dana', postalCode: '10025' })

describe('webhooks to the mailing tool', () => {
  it('tells it, in order, signed, through a failure and a timeout, that someone confirmed, unsubscribed and was erased', async () => {
    const { secret } = await addWebhook()
    expect(secret).toMatch(/^whsec_[\w-]{32}$/)
    const person = await confirmedPerson()
    expect((await api.request('PATCH', `/api/subscribers/${person.id}`, { token: tokens.admin, body: { status: 'unsubscribed' } })).status).toBe(200)
    expect((await deliveries()).map((d) => [d.event, d.state])).toEqual([
      ['subscriber.confirmed', 'waiting'],
      ['subscriber.unsubscribed', 'waiting'],
    ])

    plan.push('fail', 'hang')
    // The receiver fails: only the person's first call is made, and it waits 10 s for its next try.
    expect(await send()).toBe(1)
    const [first, second] = await deliveries()
    expect(first).toMatchObject({ state: 'retrying', attempts: 1, last_result: 'HTTP 500 Internal Server Error' })
    expect(first!.wait_seconds).toBeGreaterThan(8)
    expect(first!.wait_seconds).toBeLessThanOrEqual(10)
    expect([second!.state, second!.attempts]).toEqual(['waiting', 0])
    expect(await send()).toBe(0) // nothing is due: the later call waits behind the first

    // It does not answer: the try ends at the timeout, and the next waits twice as long.
    await timePasses()
    expect(await send()).toBe(1)
    const [afterTimeout] = await deliveries()
    expect(afterTimeout).toMatchObject({ state: 'retrying', attempts: 2, last_result: 'no answer within 0.5 s' })
    expect(afterTimeout!.wait_seconds).toBeGreaterThan(18)
    expect(afterTimeout!.wait_seconds).toBeLessThanOrEqual(20)

    // It recovers: the two calls go, one after the other; then the person is erased, and it is told.
    for (let i = 0; i < 2; i++) {
      await timePasses()
      expect(await send()).toBe(1)
    }
    expect((await api.request('POST', `/api/subscribers/${person.id}/erase`, { token: tokens.admin })).status).toBe(200)
    expect(await send()).toBe(1)
    expect((await deliveries()).map((d) => [d.state, d.last_result])).toEqual([
      ['delivered', 'HTTP 204 No Content'],
      ['delivered', 'HTTP 204 No Content'],
      ['delivered', 'HTTP 204 No Content'],
    ])
    expect(received.map((call) => [call.body.type, call.answered])).toEqual([
      ['subscriber.confirmed', 'fail'],
      ['subscriber.confirmed', 'hang'],
      ['subscriber.confirmed', 'ok'],
      ['subscriber.unsubscribed', 'ok'],
      ['subscriber.erased', 'ok'],
    ])

    // Each call signed as documented: HMAC-SHA256 of "<t>.<body>" with the secret, t recent.
    const ids = (await deliveries()).map((d) => d.id)
    for (const call of received) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(call.headers['wire-signature']))!
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60)
      expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${call.raw}`).digest('hex'))
      expect(call.headers['content-type']).toBe('application/json')
      expect(call.headers['wire-event']).toBe(call.body.type)
      expect(Number(call.headers['wire-delivery'])).toBe(call.body.id)
      expect(ids).toContain(call.body.id)
    }
    const [confirmed, unsubscribed, erased] = received.slice(2).map((call) => call.body)
    expect(confirmed!.subscriber).toMatchObject({
      email: person.email,
      firstName: 'Dana',
      postalCode: '10025',
      status: 'confirmed',
      consent: { text: 'Yes, send me Get the Wire.', version: '1', page: '/wire', consentedAt: '2026-01-05T10:00:00+00:00' },
    })
    expect(unsubscribed!.subscriber).toMatchObject({ email: person.email, status: 'unsubscribed' })
    expect(erased!.subscriber).toEqual({ email: person.email })

    // Erased: the log keeps what happened, not who.
    for (const delivery of await deliveries()) {
      expect(JSON.stringify(delivery.body)).not.toContain(person.email)
      expect(delivery.body).toMatchObject({ subscriber: { erased: true } })
    }
  })

  it('makes the call at once when one is queued, without waiting for the next look', async () => {
    await addWebhook()
    const stop = startWebhookSender(payload, { pollMs: 60_000 })
    try {
      await new Promise((resolve) => setTimeout(resolve, 500)) // its first look finds nothing
      const person = await confirmedPerson()
      await expect.poll(() => received.map((call) => call.body.subscriber.email), { timeout: 10_000 }).toEqual([person.email])
    } finally {
      await stop()
    }
  })

  it('tells it nothing about people it never heard of, and only what each webhook asks for', async () => {
    const everything = await addWebhook()
    const confirmsOnly = await addWebhook({ name: 'Confirmations only', onUnsubscribe: false, onErase: false })
    await addWebhook({ name: 'Switched off', active: false })
    // A pending address, unsubscribed and erased: no tool ever heard of it.
    const pending = await payload.create({ collection: 'subscribers', data: { email: 'never-confirmed@reader.example', status: 'pending' } })
    await api.request('PATCH', `/api/subscribers/${pending.id}`, { token: tokens.admin, body: { status: 'unsubscribed' } })
    await api.request('POST', `/api/subscribers/${pending.id}/erase`, { token: tokens.admin })
    expect(await deliveries()).toEqual([])
    // A confirmed one who unsubscribes: both for the first webhook, the confirmation only for the second.
    const person = await confirmedPerson()
    await api.request('PATCH', `/api/subscribers/${person.id}`, { token: tokens.admin, body: { status: 'unsubscribed' } })
    const { rows } = await payload.db.pool.query<{ webhook_id: number; event: string }>(`SELECT webhook_id, event::text FROM webhook_deliveries ORDER BY id`)
    expect(rows).toEqual([
      { webhook_id: everything.id, event: 'subscriber.confirmed' },
      { webhook_id: confirmsOnly.id, event: 'subscriber.confirmed' },
      { webhook_id: everything.id, event: 'subscriber.unsubscribed' },
    ])
  })

  it('sends a call again when an admin asks, and to nobody else', async () => {
    await addWebhook()
    await confirmedPerson()
    expect(await send()).toBe(1)
    const [delivered] = await deliveries()
    expect(delivered!.state).toBe('delivered')
    for (const who of ['public', 'writer', 'editor']) {
      expect((await api.request('POST', `/api/webhook-deliveries/${delivered!.id}/send-again`, { token: tokens[who] })).status).toBe(403)
    }
    expect(await send()).toBe(0)
    const again = await api.request('POST', `/api/webhook-deliveries/${delivered!.id}/send-again`, { token: tokens.admin })
    expect(again.status).toBe(200)
    expect(again.body.message).toMatch(/will be sent again/)
    expect(await send()).toBe(1)
    expect(received.map((call) => call.body.id)).toEqual([delivered!.id, delivered!.id])
    expect((await api.request('POST', '/api/webhook-deliveries/999999/send-again', { token: tokens.admin })).status).toBe(404)
  })

  it('refuses an address that is not https, saying why on the field, and saves nothing', async () => {
    for (const url of ['http://mailing.example.org/hook', 'ftp://mailing.example.org/hook', 'mailing.example.org']) {
      const response = await api.request('POST', '/api/webhooks', { token: tokens.admin, body: { name: 'Tool', url } })
      expect(response.status, url).toBe(400)
      expect(response.body.errors[0].data.errors[0]).toMatchObject({ path: 'url' })
      expect(response.body.errors[0].data.errors[0].message).toMatch(/https:\/\//)
    }
    expect((await payload.count({ collection: 'webhooks' })).totalDocs).toBe(0)
  })

  it('makes the signing secret itself, whatever a caller sends', async () => {
    const response = await api.request('POST', '/api/webhooks', { token: tokens.admin, body: { name: 'Tool', url: receiverUrl, secret: 'chosen-by-caller' } })
    expect(response.status).toBe(201)
    const saved = await payload.findByID({ collection: 'webhooks', id: response.body.doc.id })
    expect(saved.secret).toMatch(/^whsec_/)
    await api.request('PATCH', `/api/webhooks/${saved.id}`, { token: tokens.admin, body: { secret: 'chosen-by-caller' } })
    expect((await payload.findByID({ collection: 'webhooks', id: saved.id })).secret).toBe(saved.secret)
  })

  it.each(['public', 'writer', 'editor'])('shows %s no webhook, no secret and no delivery, and lets them change none', async (who) => {
    const { id } = await addWebhook()
    await confirmedPerson()
    for (const path of ['/api/webhooks', `/api/webhooks/${id}`, '/api/webhook-deliveries']) {
      const response = await api.request('GET', path, { token: tokens[who] })
      expect([401, 403], `${path}: ${response.status}`).toContain(response.status)
      expect(JSON.stringify(response.body)).not.toMatch(/whsec_|reader\.example/)
    }
    expect((await api.request('POST', '/api/webhooks', { token: tokens[who], body: { name: 'Mine', url: 'https://evil.example/hook' } })).status).toBe(403)
    expect((await api.request('PATCH', `/api/webhooks/${id}`, { token: tokens[who], body: { url: 'https://evil.example/hook' } })).status).toBe(403)
    expect((await api.request('DELETE', `/api/webhooks/${id}`, { token: tokens[who] })).status).toBe(403)
    const gql = await api.graphql('{ Webhooks { docs { url secret } } WebhookDeliveries { docs { body } } }', { token: tokens[who] })
    expect(JSON.stringify(gql.body.data ?? {})).not.toMatch(/whsec_|reader\.example|127\.0\.0\.1/)
    expect(gql.body.errors?.length).toBeGreaterThan(0)
    expect((await payload.findByID({ collection: 'webhooks', id })).url).toBe(receiverUrl)
  })

  it('keeps the delivery log as the system wrote it, even for admins', async () => {
    await addWebhook()
    await confirmedPerson()
    const [delivery] = await deliveries()
    expect((await api.request('PATCH', `/api/webhook-deliveries/${delivery!.id}`, { token: tokens.admin, body: { state: 'delivered' } })).status).toBe(403)
    expect((await api.request('DELETE', `/api/webhook-deliveries/${delivery!.id}`, { token: tokens.admin })).status).toBe(403)
    expect((await api.request('POST', '/api/webhook-deliveries', { token: tokens.admin, body: { event: 'subscriber.erased' } })).status).toBe(403)
    expect((await deliveries())[0]!.state).toBe('waiting')
  })

  it('says when a webhook is failing and why, in words, on its page and the admin’s desk; a test call says how it went', async () => {
    const { id } = await addWebhook({ name: 'Action Network', url: `http://127.0.0.1:${await freePort()}/hook` })
    const health = () => api.request('GET', `/api/webhooks/${id}/health`, { token: tokens.admin })
    expect((await health()).body).toMatchObject({ name: 'Action Network', waiting: 0, failingSince: null, problem: null })

    await confirmedPerson()
    expect(await sendDueWebhooks(payload, { timeoutMs: 2_000 })).toBe(1)
    const failing = (await health()).body
    expect(failing).toMatchObject({ waiting: 1, failingSince: expect.any(String) })
    expect(failing.problem).toMatch(/^the mailing tool’s server refused the connection: nothing answers at that address and port \(.*ECONNREFUSED.*\)$/)
    const admin = (await payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, limit: 1 })).docs[0]!
    expect((await loadDesk(payload, admin)).failingWebhooks).toMatchObject([{ id, name: 'Action Network', waiting: 1 }])
    const editor = (await payload.find({ collection: 'users', where: { role: { equals: 'editor' } }, limit: 1 })).docs[0]!
    expect(await loadDesk(payload, editor)).not.toHaveProperty('failingWebhooks')

    const failedTest = await api.request('POST', `/api/webhooks/${id}/test`, { token: tokens.admin })
    expect(failedTest.body).toMatchObject({
      delivered: false,
      message: expect.stringMatching(/^The test call failed: the mailing tool’s server refused the connection/),
    })

    // The address fixed: the test call gets through, signed, with no one's data.
    await payload.update({ collection: 'webhooks', id, data: { url: receiverUrl } })
    const passed = await api.request('POST', `/api/webhooks/${id}/test`, { token: tokens.admin })
    expect(passed.body).toMatchObject({ delivered: true, message: expect.stringMatching(/^The mailing tool answered the test call \(HTTP 204/) })
    expect(received.at(-1)!.headers['wire-event']).toBe('webhook.test')
    expect(received.at(-1)!.raw).not.toMatch(/reader\.example/)

    for (const who of ['editor', 'writer'] as const) {
      expect((await api.request('GET', `/api/webhooks/${id}/health`, { token: tokens[who] })).status).toBe(403)
      expect((await api.request('POST', `/api/webhooks/${id}/test`, { token: tokens[who] })).status).toBe(403)
    }
    expect((await api.request('POST', '/api/webhooks/999999/test', { token: tokens.admin })).status).toBe(404)
  })
})

/** The receiver's check of a call, as documented: HMAC-SHA256 of "<t>.<body>" with the secret. */
const signedWith = (call: (typeof received)[number], secret: string) => {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(call.headers['wire-signature'])) ?? []
  return v1 === createHmac('sha256', secret).update(`${t}.${call.raw}`).digest('hex')
}

/** What a backup of the database holds of a webhook: its row, every column. */
const storedRow = async (id: number) =>
  (await payload.db.pool.query<{ text: string; secret: string }>('SELECT row_to_json(w)::text AS text, w.secret FROM webhooks w WHERE id = $1', [id])).rows[0]!

describe('signing secrets at rest', () => {
  it('are sealed in the database, shown to admins, and still sign every call', async () => {
    const { id } = await addWebhook()
    const shown = await api.request('GET', `/api/webhooks/${id}`, { token: tokens.admin })
    const secret = shown.body.secret as string
    expect(secret).toMatch(/^whsec_[\w-]{32}$/)

    const row = await storedRow(id)
    expect(row.text).not.toContain('whsec_')
    expect(row.text).not.toContain(secret.slice('whsec_'.length))
    expect(row.secret).toMatch(/^sealed:v1:/)
    expect((await payload.db.pool.query(`SELECT id FROM webhooks WHERE secret LIKE 'whsec%'`)).rows).toEqual([])
    // The row alone opens nothing: another server's secret cannot read it.
    expect(() => openWebhookSecret(row.secret, 'another-server-secret-of-at-least-32-characters')).toThrow(/sealed under another PAYLOAD_SECRET/)

    // Saving the webhook again keeps the same secret, still sealed.
    expect((await api.request('PATCH', `/api/webhooks/${id}`, { token: tokens.admin, body: { name: 'Renamed tool' } })).status).toBe(200)
    expect((await storedRow(id)).text).not.toContain('whsec_')
    expect((await api.request('GET', `/api/webhooks/${id}`, { token: tokens.admin })).body.secret).toBe(secret)

    await confirmedPerson()
    expect(await send()).toBe(1)
    expect((await api.request('POST', `/api/webhooks/${id}/test`, { token: tokens.admin })).body.delivered).toBe(true)
    expect(received.map((call) => [call.body.type, signedWith(call, secret)])).toEqual([
      ['subscriber.confirmed', true],
      ['webhook.test', true],
    ])
  })

  it('holds the calls, unsigned ones never sent, when the secret cannot be read; a new secret sends them', async () => {
    const { id } = await addWebhook()
    // As after PAYLOAD_SECRET changed: sealed under a key this server no longer has.
    await payload.db.pool.query('UPDATE webhooks SET secret = $1 WHERE id = $2', [
      sealWebhookSecret('whsec_old', 'the-previous-server-secret-of-32-characters'),
      id,
    ])
    await confirmedPerson()
    expect(await send()).toBe(1)
    expect(received).toEqual([])
    const [held] = await deliveries()
    expect(held).toMatchObject({ state: 'retrying', last_result: expect.stringMatching(/signing secret cannot be read/) })
    const health = (await api.request('GET', `/api/webhooks/${id}/health`, { token: tokens.admin })).body
    expect(health.problem).toMatch(/^the signing secret can no longer be read: issue the webhook a new one/)
    expect((await api.request('POST', `/api/webhooks/${id}/test`, { token: tokens.admin })).body).toMatchObject({
      delivered: false,
      message: expect.stringMatching(/^The test call failed: the signing secret can no longer be read/),
    })
    expect(received).toEqual([])

    // An admin issues a new one: shown to them, sealed at rest, and the waiting call goes, signed with it.
    const issued = await api.request('PATCH', `/api/webhooks/${id}`, { token: tokens.admin, body: { issueNewSecret: true } })
    expect(issued.status).toBe(200)
    const secret = issued.body.doc.secret as string
    expect(secret).toMatch(/^whsec_[\w-]{32}$/)
    expect((await storedRow(id)).text).not.toContain(secret)
    await timePasses()
    expect(await send()).toBe(1)
    expect(received.map((call) => [call.body.type, signedWith(call, secret)])).toEqual([['subscriber.confirmed', true]])
    // Ticking the box is the only way: a caller still cannot choose the secret.
    await api.request('PATCH', `/api/webhooks/${id}`, { token: tokens.admin, body: { secret: 'whsec_chosen', issueNewSecret: false } })
    expect((await api.request('GET', `/api/webhooks/${id}`, { token: tokens.admin })).body.secret).toBe(secret)
  })

  it('are sealed by the migration where they were stored as they are, and opened again by its down', async () => {
    const { id } = await addWebhook()
    await payload.db.pool.query(`UPDATE webhooks SET secret = 'whsec_made-before-sealing-0123456789ab' WHERE id = $1`, [id])
    const migration = { db: payload.db.drizzle, payload, req: {} } as unknown as Parameters<typeof sealSecrets.up>[0]
    await sealSecrets.up(migration)
    expect((await storedRow(id)).secret).toMatch(/^sealed:v1:/)
    await sealSecrets.up(migration) // twice changes nothing
    expect(openWebhookSecret((await storedRow(id)).secret, payload.config.secret)).toBe('whsec_made-before-sealing-0123456789ab')
    await confirmedPerson()
    expect(await send()).toBe(1)
    expect(signedWith(received[0]!, 'whsec_made-before-sealing-0123456789ab')).toBe(true)

    await sealSecrets.down(migration)
    expect((await storedRow(id)).secret).toBe('whsec_made-before-sealing-0123456789ab')
    await sealSecrets.up(migration)
  })
})

/** Anything that names the person made by confirmedPerson: address, name, postal code, consent record. */
const PERSON = /reader\.example|Dana|10025|consent|Yes, send me/

describe('erasing someone whose calls have not gone out', () => {
  it('keeps nothing of them in those calls (a paused webhook, a failing one, a deleted one), and still tells the tool of the erasure', async () => {
    const paused = await addWebhook({ name: 'Paused tool' })
    const failing = await addWebhook({ name: 'Failing tool' })
    const removed = await addWebhook({ name: 'Removed tool' })
    const person = await confirmedPerson()
    expect((await api.request('PATCH', `/api/webhooks/${paused.id}`, { token: tokens.admin, body: { active: false } })).status).toBe(200)
    expect((await api.request('DELETE', `/api/webhooks/${removed.id}`, { token: tokens.admin })).status).toBe(200)
    plan.push('fail')
    expect(await send()).toBe(1) // the failing tool's call only: the paused one waits, the removed one has nowhere to go
    expect((await api.request('POST', `/api/subscribers/${person.id}/erase`, { token: tokens.admin })).status).toBe(200)

    const rows = (
      await payload.db.pool.query<{ id: number; webhook_id: number | null; event: string; state: string; body: Record<string, unknown> }>(
        'SELECT id, webhook_id, event::text, state::text, body FROM webhook_deliveries ORDER BY id',
      )
    ).rows
    // The calls never made keep the event, not the person.
    for (const row of rows.filter((row) => row.event === 'subscriber.confirmed')) {
      expect(JSON.stringify(row.body)).not.toMatch(PERSON)
      expect(row.body).toEqual({ type: 'subscriber.confirmed', occurredAt: expect.any(String), subscriber: { erased: true } })
    }
    expect(rows.map((row) => [row.webhook_id, row.event, row.state])).toEqual([
      [paused.id, 'subscriber.confirmed', 'withdrawn'],
      [failing.id, 'subscriber.confirmed', 'withdrawn'],
      [null, 'subscriber.confirmed', 'withdrawn'],
      [failing.id, 'subscriber.erased', 'waiting'],
    ])
    // The erasure carries the address alone, which the tool needs to find whom to erase, until it is delivered.
    expect(rows[3]!.body.subscriber).toEqual({ email: person.email })

    // The failing tool recovers: it hears of the erasure, and not of the withdrawn confirmation.
    await timePasses()
    expect(await send()).toBe(1)
    expect(received.map((call) => [call.body.type, call.answered])).toEqual([
      ['subscriber.confirmed', 'fail'],
      ['subscriber.erased', 'ok'],
    ])
    const log = await deliveries()
    expect(log.map((row) => row.state)).toEqual(['withdrawn', 'withdrawn', 'withdrawn', 'delivered'])
    for (const row of log) expect(JSON.stringify(row.body)).not.toMatch(PERSON)

    // The paused tool switched on again: it has nothing about the person to send, and nothing waits.
    expect((await api.request('PATCH', `/api/webhooks/${paused.id}`, { token: tokens.admin, body: { active: true } })).status).toBe(200)
    await timePasses()
    expect(await send()).toBe(0)
    expect((await api.request('GET', `/api/webhooks/${paused.id}/health`, { token: tokens.admin })).body).toMatchObject({ waiting: 0 })
    const again = await api.request('POST', `/api/webhook-deliveries/${rows[0]!.id}/send-again`, { token: tokens.admin })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/^Delivery \d+ was withdrawn/)
    expect(await send()).toBe(0)
  })

  it('keeps nothing of an erased person in a call whose webhook is deleted before it could go', async () => {
    const webhook = await addWebhook()
    const person = await confirmedPerson()
    plan.push('fail')
    expect(await send()).toBe(1)
    expect((await api.request('POST', `/api/subscribers/${person.id}/erase`, { token: tokens.admin })).status).toBe(200)
    expect(JSON.stringify((await deliveries()).map((row) => row.body))).toContain(person.email) // the erasure, waiting to go
    expect((await api.request('DELETE', `/api/webhooks/${webhook.id}`, { token: tokens.admin })).status).toBe(200)
    const log = await deliveries()
    for (const row of log) expect(JSON.stringify(row.body)).not.toMatch(PERSON)
    expect(log.map((row) => [row.event, row.state])).toEqual([
      ['subscriber.confirmed', 'withdrawn'],
      ['subscriber.erased', 'withdrawn'],
    ])
  })

  it('are withdrawn by the migration where an erasure before it left the person in them', async () => {
    const migration = { db: payload.db.drizzle, payload, req: {} } as unknown as Parameters<typeof withdrawOnErasure.up>[0]
    await withdrawOnErasure.down(migration)
    try {
      await addWebhook()
      const person = await confirmedPerson()
      plan.push('fail')
      expect(await send()).toBe(1)
      await api.request('POST', `/api/subscribers/${person.id}/erase`, { token: tokens.admin })
      // As erasures did before: the confirmation that never went out still names the person.
      expect(JSON.stringify((await deliveries())[0]!.body)).toMatch(PERSON)
    } finally {
      await withdrawOnErasure.up(migration)
    }
    const log = await deliveries()
    expect(log.map((row) => [row.event, row.state])).toEqual([
      ['subscriber.confirmed', 'withdrawn'],
      ['subscriber.erased', 'waiting'],
    ])
    expect(JSON.stringify(log[0]!.body)).not.toMatch(PERSON)
    await timePasses()
    expect(await send()).toBe(1)
    expect(received.map((call) => call.body.type)).toEqual(['subscriber.confirmed', 'subscriber.erased'])
  })
})
