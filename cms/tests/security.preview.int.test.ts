/**
 * The preview-data routes hand the latest drafts to the site server, which presents the secret
 * it shares with the CMS; nobody else gets a draft, whatever they send in its place (the secret
 * is compared in constant time: src/auth/bearer.ts). Real REST requests.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { siteToken } from '../src/newsletter/settings'
import { paragraphs } from '../src/seed/richText'
import { apiClient, signIn } from './helpers/api'
import { createDoc } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
let paths: string[]
let staffToken: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  staffToken = (await signIn(payload, 'admin')).token
  await payload.updateGlobal({
    slug: 'home',
    data: {
      vision: { heading: 'A draft vision', body: paragraphs('V') },
      whoWeAre: { heading: 'Who', body: paragraphs('W') },
      joinCall: { heading: 'Join', text: 'J' },
      _status: 'draft',
    },
    draft: true,
  })
  const value = await createDoc(payload, 'values', 'draft')
  const faq = await createDoc(payload, 'faqs', 'draft')
  const report = await createDoc(payload, 'annual-reports', 'draft')
  paths = [
    `/api/values/${value.id}/preview-data`,
    `/api/faqs/${faq.id}/preview-data`,
    `/api/annual-reports/${report.id}/preview-data`,
    '/api/globals/home/preview-data',
  ]
})

const preview = (path: string, authorization?: string) =>
  api.request('GET', path, { headers: authorization === undefined ? {} : { Authorization: authorization } })

describe('preview data', () => {
  const secret = siteToken()
  it.each([
    ['nothing', undefined],
    ['the secret without its scheme', secret],
    ['a prefix of the secret', `Bearer ${secret.slice(0, -1)}`],
    ['the secret and one more character', `Bearer ${secret}x`],
    ['a guess as long as the secret', `Bearer ${'x'.repeat(secret.length)}`],
    ['a staff session instead', 'staff'],
  ])('is refused to a caller presenting %s', async (_, authorization) => {
    for (const path of paths) {
      const response = await preview(path, authorization === 'staff' ? `JWT ${staffToken}` : authorization)
      expect(response.status, path).toBe(401)
      expect(response.body).toEqual({ error: 'Only the site server may read drafts.' })
    }
  })

  it('is given to the site server, which presents the shared secret', async () => {
    for (const path of paths) {
      const response = await preview(path, `Bearer ${secret}`)
      expect(response.status, path).toBe(200)
    }
    expect((await preview('/api/globals/home/preview-data', `Bearer ${secret}`)).body.vision.heading).toBe('A draft vision')
  })

  it('is not in the public API either', async () => {
    expect((await api.request('GET', '/api/globals/home?draft=true')).body.vision?.heading).not.toBe('A draft vision')
  })
})
