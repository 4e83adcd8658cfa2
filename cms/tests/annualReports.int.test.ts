import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { paragraphs } from '../src/seed/richText'
import { apiClient, signIn } from './helpers/api'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
let token: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  token = (await signIn(payload, 'editor')).token
})

const report = (hebrewYear: unknown, extra: Record<string, unknown> = {}) => ({
  hebrewYear,
  title: `Report ${String(hebrewYear)}`,
  summary: 'The year in brief.',
  body: paragraphs('What happened.'),
  _status: 'published',
  ...extra,
})

describe('an annual report’s Hebrew year', () => {
  it('derives the period, its dates and the slug, whatever else is sent', async () => {
    const response = await api.request('POST', '/api/annual-reports', {
      token,
      body: report(5783, { period: 'typed by hand', slug: 'typed-by-hand', periodStart: '1999-01-01' }),
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    const doc = response.body.doc
    expect(doc.period).toBe('October 2022 to September 2023')
    expect(doc.slug).toBe('5783')
    expect(doc.periodStart.slice(0, 10)).toBe('2022-10-01')
    expect(doc.periodEnd.slice(0, 10)).toBe('2023-09-30')
  })

  it('re-derives everything when the year is corrected', async () => {
    const created = await payload.create({ collection: 'annual-reports', data: report(5785) as never })
    const response = await api.request('PATCH', `/api/annual-reports/${created.id}`, { token, body: { hebrewYear: 5786 } })
    expect(response.status).toBe(200)
    expect(response.body.doc).toMatchObject({ hebrewYear: 5786, slug: '5786', period: 'October 2025 to September 2026' })
  })

  it.each([
    ['text', 'abc', /must be a number such as 5783, not "abc"/],
    ['a numeric string with letters', '5783a', /not "5783a"/],
    ['a decimal as text', '5790.5', /not "5790.5"/],
    ['a decimal', 5790.5, /whole number/],
    ['a Gregorian year', 2023, /between 5750 and 5900/],
    ['a year far in the future', 9999, /between 5750 and 5900/],
    ['a negative year', -5783, /between 5750 and 5900/],
  ])('refuses %s with a clear message and saves nothing', async (_, hebrewYear, message) => {
    const before = await payload.count({ collection: 'annual-reports' })
    for (const [path, status] of [
      ['/api/annual-reports', 'published'],
      ['/api/annual-reports?draft=true', 'draft'],
    ] as const) {
      const response = await api.request('POST', path, { token, body: report(hebrewYear, { _status: status }) })
      expect(response.status, JSON.stringify(response.body)).toBe(400)
      const messages = response.body.errors.flatMap((e: { data?: { errors?: { message: string; path: string }[] } }) => e.data?.errors ?? [])
      expect(messages).toContainEqual(expect.objectContaining({ path: 'hebrewYear', message: expect.stringMatching(message) }))
    }
    expect(await payload.count({ collection: 'annual-reports' })).toEqual(before)
  })

  it('lets a draft wait for its year, as the admin’s "Create new" saves an empty draft, and refuses to publish without one', async () => {
    const empty = await api.request('POST', '/api/annual-reports?draft=true', { token, body: { _status: 'draft' } })
    expect(empty.status, JSON.stringify(empty.body)).toBe(201)
    expect(empty.body.doc).toMatchObject({ hebrewYear: null, slug: null, period: null })

    const publish = await api.request('PATCH', `/api/annual-reports/${empty.body.doc.id}`, {
      token,
      body: { title: 'A report', summary: 'Its summary.', _status: 'published' },
    })
    expect(publish.status).toBe(400)
    const messages = publish.body.errors.flatMap((e: { data?: { errors?: { message: string; path: string }[] } }) => e.data?.errors ?? [])
    expect(messages).toContainEqual(expect.objectContaining({ path: 'hebrewYear', message: expect.stringMatching(/Enter the Hebrew year/) }))
    const refused = await api.request('POST', '/api/annual-reports', { token, body: report(null, { _status: 'published' }) })
    expect(refused.status).toBe(400)
    expect((await payload.findByID({ collection: 'annual-reports', id: empty.body.doc.id, draft: true }))._status).toBe('draft')
  })

  it('refuses a bad year on an existing report and leaves it unchanged', async () => {
    const created = await payload.create({ collection: 'annual-reports', data: report(5787) as never })
    const response = await api.request('PATCH', `/api/annual-reports/${created.id}`, { token, body: { hebrewYear: 57.87 } })
    expect(response.status).toBe(400)
    const after = await payload.findByID({ collection: 'annual-reports', id: created.id })
    expect(after).toMatchObject({ hebrewYear: 5787, slug: '5787', period: 'October 2026 to September 2027' })
  })

  it('is unique: a second report for the same year is refused', async () => {
    await payload.create({ collection: 'annual-reports', data: report(5788) as never })
    const response = await api.request('POST', '/api/annual-reports', { token, body: report(5788) })
    expect(response.status).toBe(400)
    expect(await payload.count({ collection: 'annual-reports', where: { hebrewYear: { equals: 5788 } } })).toEqual({ totalDocs: 1 })
  })
})

describe('annual reports', () => {
  it('are listed newest first by default', async () => {
    for (const year of [5770, 5772, 5771]) {
      await payload.create({ collection: 'annual-reports', data: report(year) as never })
    }
    const response = await api.request('GET', '/api/annual-reports?limit=100&depth=0')
    const years = response.body.docs.map((d: { hebrewYear: number }) => d.hebrewYear)
    expect(years).toEqual([...years].sort((a, b) => b - a))
  })

  it('keep a version history and can be scheduled', () => {
    const config = payload.collections['annual-reports'].config
    expect(config.versions).toMatchObject({ drafts: { autosave: expect.anything(), schedulePublish: true } })
  })
})
