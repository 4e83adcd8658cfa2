/**
 * A write is a publish when Payload publishes it, whatever flag it came with: `?draft=true` with
 * `_status: 'published'` publishes (Payload saves a draft only when the data does not publish), so
 * it goes through the checks before publishing and asks for a site build like a Publish press.
 * Real REST requests, with site builds on (SITE_BUILDS_DIR), none run.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { paragraphs } from '../src/seed/richText'
import { apiClient, signIn } from './helpers/api'
import { minimalHome } from './helpers/fixtures'
import { heading, paragraph, richText } from './helpers/lexical'
import { siteBuildsForTests } from './helpers/siteBuilds'
import { startTestPayload } from './helpers/testPayload'

siteBuildsForTests('draft-flag-publish')

let payload: Payload
let api: ReturnType<typeof apiClient>
let editor: string
let valueId: number

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  await signIn(payload, 'admin')
  editor = (await signIn(payload, 'editor')).token
  const value = await payload.create({
    collection: 'values',
    data: { title: 'Courage', summary: 'Courage in the work.', body: paragraphs('Courage.'), _status: 'published' },
  })
  valueId = value.id
  await payload.updateGlobal({ slug: 'home', data: { _status: 'published', ...minimalHome() } })
})

/** A body the checks refuse to publish: its heading is empty. */
const bodyWithError = () => richText(heading('h2', ''), paragraph('Courage.'))
const EMPTY_HEADING = 'This heading is empty: screen readers announce it as a heading with nothing in it. Write it, or delete it.'

/** The site builds waiting, by their reasons (a request joins the one waiting). */
const waitingBuilds = async () =>
  (await payload.find({ collection: 'site-builds', where: { status: { equals: 'queued' } }, depth: 0, limit: 0, pagination: false })).docs.map(
    (build) => build.reason ?? '',
  )

/** No build waiting: the next request starts one of its own. */
const clearBuilds = () => payload.delete({ collection: 'site-builds', where: { id: { exists: true } }, overrideAccess: true })

describe('PATCH ?draft=true with _status published, on a collection', () => {
  it('is refused with the check’s message, on its field, when the checks find an error, and nothing is published', async () => {
    await clearBuilds()
    const response = await api.request('PATCH', `/api/values/${valueId}?draft=true`, {
      token: editor,
      body: { _status: 'published', summary: 'Published around the checks.', body: bodyWithError() },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([{ path: 'body', message: `Body, heading 1: ${EMPTY_HEADING}` }])
    const published = await api.request('GET', `/api/values/${valueId}`)
    expect(published.body.summary).toBe('Courage in the work.')
    expect(await waitingBuilds()).toEqual([])
  })

  it('without errors, publishes and asks for a site build', async () => {
    await clearBuilds()
    const response = await api.request('PATCH', `/api/values/${valueId}?draft=true`, {
      token: editor,
      body: { _status: 'published', summary: 'Courage, published.' },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const published = await api.request('GET', `/api/values/${valueId}`)
    expect(published.body).toMatchObject({ _status: 'published', summary: 'Courage, published.' })
    expect(await waitingBuilds()).toEqual(['Core value “Courage” edited'])
  })

  it('still saves a plain draft (?draft=true, no status) without checks or a build', async () => {
    await clearBuilds()
    const response = await api.request('PATCH', `/api/values/${valueId}?draft=true`, {
      token: editor,
      body: { summary: 'A draft with a problem.', body: bodyWithError() },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect((await api.request('GET', `/api/values/${valueId}`)).body.summary).toBe('Courage, published.')
    expect(await waitingBuilds()).toEqual([])
  })
})

describe('POST /api/globals/home?draft=true with _status published', () => {
  it('is refused with the check’s message, on its field, when the checks find an error, and nothing is published', async () => {
    await clearBuilds()
    const response = await api.request('POST', '/api/globals/home?draft=true', {
      token: editor,
      body: { ...minimalHome(), vision: { heading: 'Around the checks', body: bodyWithError() }, _status: 'published' },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([{ path: 'vision.body', message: `Our vision › Body, heading 1: ${EMPTY_HEADING}` }])
    expect((await api.request('GET', '/api/globals/home')).body.vision.heading).toBe('Vision')
    expect(await waitingBuilds()).toEqual([])
  })

  it('without errors, publishes and asks for a site build', async () => {
    await clearBuilds()
    const response = await api.request('POST', '/api/globals/home?draft=true', {
      token: editor,
      body: { ...minimalHome(), vision: { heading: 'A new vision', body: paragraphs('V') }, _status: 'published' },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const published = await api.request('GET', '/api/globals/home')
    expect(published.body).toMatchObject({ _status: 'published', vision: { heading: 'A new vision' } })
    expect(await waitingBuilds()).toEqual(['Home page edited'])
  })
})
