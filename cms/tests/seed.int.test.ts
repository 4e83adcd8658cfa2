import { readFileSync } from 'node:fs'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { seedFirstAdmin } from '../src/seed/firstAdmin'
import { seedContent } from '../src/seed/seed'
import { apiClient } from './helpers/api'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>

const COLLECTIONS = ['values', 'faq-categories', 'faqs', 'annual-reports', 'users'] as const

async function snapshot() {
  const collections = await Promise.all(COLLECTIONS.map((collection) => payload.find({ collection, limit: 0, pagination: false, depth: 0, draft: true })))
  const globals = await Promise.all((['home', 'site-settings'] as const).map((slug) => payload.findGlobal({ slug, depth: 0, draft: true })))
  return JSON.stringify({ collections: collections.map((c) => c.docs), globals })
}

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
})

describe('the seed', () => {
  it('fills an empty install with the organization’s copy and a first admin', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    await seedFirstAdmin(payload, { SEED_ADMIN_EMAIL: 'first@test.example' })
    expect(await seedContent(payload)).toBe(true)
    const printed = log.mock.calls.flat().join('\n')
    log.mockRestore()

    const [admin] = (await payload.find({ collection: 'users' })).docs
    expect(admin).toMatchObject({ email: 'first@test.example', role: 'admin' })
    // No password is printed: a one-time link to choose one, which works once.
    expect(printed).not.toMatch(/password[^\n]*: \S{12,}$/im)
    const token = printed.match(/within the hour\): \S+\/admin\/reset\/(\S+)/)?.[1]
    expect(token).toMatch(/^[0-9a-f]{20,}$/)
    const chosen = { token: token!, password: 'a kettle of unrelated words' }
    const reset = await api.request('POST', '/api/users/reset-password', { body: chosen })
    expect(reset.status).toBe(200)
    const login = await payload.login({ collection: 'users', data: { email: 'first@test.example', password: chosen.password } })
    expect(login.token).toBeTruthy()
    expect((await api.request('POST', '/api/users/reset-password', { body: { ...chosen, password: 'another set of kettle words' } })).status).toBe(403)
  })

  it('publishes every paragraph of the copy', async () => {
    const everything = await snapshot()
    const paragraphs = readFileSync(new URL('../src/seed/organization-site-copy.txt', import.meta.url), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 40)
    expect(paragraphs.length).toBeGreaterThan(15)
    for (const paragraph of paragraphs) {
      expect(everything).toContain(JSON.stringify(paragraph).slice(1, -1))
    }
  })

  it('serves the three values, in order, to the public', async () => {
    const response = await api.request('GET', '/api/values?depth=0')
    expect(response.status).toBe(200)
    expect(response.body.docs.map((v: { title: string }) => v.title)).toEqual([
      'Accountability to Palestinian Partners',
      'Commitment to Jewish Communities',
      'Racial Justice & Collective Liberation',
    ])
  })

  it('publishes the FAQ as question/answer pairs with categories and anchors', async () => {
    const response = await api.request('GET', '/api/faqs?depth=1&limit=100')
    expect(response.body.docs).toHaveLength(4)
    for (const faq of response.body.docs) {
      expect(faq.question).toMatch(/\?$/)
      expect(faq.slug).toMatch(/^[a-z0-9-]+$/)
      expect(faq.category.title).toBeTruthy()
      expect(faq._status).toBe('published')
    }
  })

  it('publishes the 5783 report for October 2022 to September 2023', async () => {
    const response = await api.request('GET', '/api/annual-reports?where[slug][equals]=5783')
    expect(response.body.docs).toHaveLength(1)
    expect(response.body.docs[0]).toMatchObject({ hebrewYear: 5783, period: 'October 2022 to September 2023', _status: 'published' })
  })

  it('puts the Get the Wire pitch in the site settings', async () => {
    const response = await api.request('GET', '/api/globals/site-settings')
    expect(response.body.newsletter).toMatchObject({ heading: 'Get the Wire', pitch: expect.stringMatching(/^Stay up to date/) })
  })

  it('changes nothing when run again', async () => {
    const before = await snapshot()
    await seedFirstAdmin(payload, {})
    expect(await seedContent(payload)).toBe(false)
    expect(await snapshot()).toBe(before)
  })

  it('does not bring back content an editor deleted', async () => {
    const [first] = (await payload.find({ collection: 'values', limit: 1 })).docs
    await payload.delete({ collection: 'values', id: first!.id })
    await seedContent(payload)
    expect((await payload.count({ collection: 'values' })).totalDocs).toBe(2)
  })
})

describe('the first admin', () => {
  it('refuses a short SEED_ADMIN_PASSWORD', async () => {
    await payload.delete({ collection: 'users', where: {} })
    await expect(seedFirstAdmin(payload, { SEED_ADMIN_PASSWORD: 'short' })).rejects.toThrow(/at least 12 characters/)
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(0)
  })

  it('refuses a common SEED_ADMIN_PASSWORD', async () => {
    await payload.delete({ collection: 'users', where: {} })
    await expect(seedFirstAdmin(payload, { SEED_ADMIN_PASSWORD: 'password1234' })).rejects.toThrow(
      /SEED_ADMIN_PASSWORD cannot be used: .*most common passwords/,
    )
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(0)
  })
})
