/**
 * Link fields refuse anything but a path on the site or an http(s) address, in drafts as well as
 * on publishing (Payload skips field validation for drafts): a draft is shown in the preview and
 * is one click from being published. Real REST and GraphQL requests.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { HREF_MESSAGE } from '../src/fields/href'
import { apiClient, signIn } from './helpers/api'
import { minimalHome, minimalSettings } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
let writer: string
let editor: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  await signIn(payload, 'admin')
  writer = (await signIn(payload, 'writer')).token
  editor = (await signIn(payload, 'editor')).token
  await payload.updateGlobal({
    slug: 'home',
    data: { _status: 'published', ...minimalHome({ heading: 'Join', text: 'J', linkLabel: 'Get the Wire', linkUrl: '/wire' }) },
  })
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { _status: 'published', ...minimalSettings },
  })
})

const HOSTILE = [
  'javascript:alert(document.domain)',
  'JavaScript:alert(1)',
  'java\tscript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/wire',
  '/\\evil.example/wire',
  'mailto:someone@example.org',
  'wire',
]

const homeDraft = () => payload.findGlobal({ slug: 'home', draft: true, depth: 0 })
const settingsDraft = () => payload.findGlobal({ slug: 'site-settings', draft: true, depth: 0 })

describe('a writer’s draft of the home page', () => {
  it.each(HOSTILE)('refuses the link %j, saying so on the field', async (linkUrl) => {
    const before = await homeDraft()
    const response = await api.request('POST', '/api/globals/home?draft=true', {
      token: writer,
      body: { joinCall: { heading: 'Join', text: 'J', linkUrl }, _status: 'draft' },
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([{ message: HREF_MESSAGE, path: 'joinCall.linkUrl' }])
    expect((await homeDraft()).joinCall?.linkUrl).toBe(before.joinCall?.linkUrl)
  })

  it('refuses it over GraphQL too', async () => {
    const data = { ...minimalHome({ heading: 'Join', text: 'J', linkUrl: 'javascript:alert(document.domain)' }), _status: 'draft' }
    const response = await api.graphql('mutation ($data: mutationHomeInput!) { updateHome(draft: true, data: $data) { joinCall { linkUrl } } }', {
      token: writer,
      variables: { data },
    })
    expect(response.body.errors?.[0]?.extensions?.data?.errors).toEqual([{ message: HREF_MESSAGE, path: 'joinCall.linkUrl' }])
    expect((await homeDraft()).joinCall?.linkUrl).toBe('/wire')
  })

  it.each(['/wire', '/values#joy', 'https://example.org/join', 'http://example.org'])('accepts %j', async (linkUrl) => {
    const response = await api.request('POST', '/api/globals/home?draft=true', {
      token: writer,
      body: { joinCall: { heading: 'Join', text: 'J', linkUrl }, _status: 'draft' },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect((await homeDraft()).joinCall?.linkUrl).toBe(linkUrl)
  })
})

describe('site settings', () => {
  it('refuse a hostile navigation or social link in a draft, naming the row', async () => {
    const navigation = await api.request('POST', '/api/globals/site-settings?draft=true', {
      token: writer,
      body: {
        navigation: [
          { label: 'Values', href: '/values' },
          { label: 'Donate', href: 'javascript:alert(1)' },
        ],
        _status: 'draft',
      },
    })
    expect(navigation.status).toBe(400)
    expect(navigation.body.errors[0].data.errors).toEqual([{ message: HREF_MESSAGE, path: 'navigation.1.href' }])

    const social = await api.request('POST', '/api/globals/site-settings?draft=true', {
      token: writer,
      body: { socialLinks: [{ platform: 'bluesky', url: 'data:text/html,<script>alert(1)</script>' }], _status: 'draft' },
    })
    expect(social.status).toBe(400)
    expect(social.body.errors[0].data.errors).toEqual([{ message: HREF_MESSAGE, path: 'socialLinks.0.url' }])
    expect((await settingsDraft()).navigation ?? []).toEqual([])
  })

  it('refuse it when an editor publishes, too', async () => {
    const response = await api.request('POST', '/api/globals/site-settings', {
      token: editor,
      body: { navigation: [{ label: 'Elsewhere', href: '//evil.example' }], _status: 'published' },
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toContain(HREF_MESSAGE)
  })
})
