/**
 * Editors preview a draft report, value, FAQ entry or home page on the site's on-demand preview
 * route, rendered in its page with the very components of the published page; without a valid,
 * unexpired secret the route refuses.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { previewOnPath, signPreviewToken, type PreviewTarget } from 'cms/contract'
import { DRAFT_FAQ, DRAFT_HOME_JOIN_HEADING, DRAFT_REPORT, DRAFT_VALUE } from '../setup/testContent'
import { asAdmin } from './cmsAdmin'
import { serveBuild } from './serveBuild'

const SECRET = 'local-development-site-token' // the throwaway CMS and this site server share the default
let site: Awaited<ReturnType<typeof serveBuild>>
let draftId: number
let draftValueId: number
let draftFaqId: number

const firstId = async (path: string) => (await asAdmin<{ docs: { id: number }[] }>(path)).docs[0]!.id

beforeAll(async () => {
  site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
  draftId = await firstId(`/api/annual-reports?draft=true&where[hebrewYear][equals]=${DRAFT_REPORT.hebrewYear}`)
  draftValueId = await firstId(`/api/values?draft=true&where[title][equals]=${encodeURIComponent(DRAFT_VALUE.title)}`)
  draftFaqId = await firstId(`/api/faqs?draft=true&where[question][equals]=${encodeURIComponent(DRAFT_FAQ.question)}`)
})

afterAll(() => site?.stop())

const preview = (id: number | string, token?: string, target = 'annual-reports') =>
  fetch(`${site.url}/preview/${target}/${id}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`)

/** The text of the page's main content, tags removed. */
const mainText = (html: string) =>
  /<main[^>]*>([\s\S]*)<\/main>/
    .exec(html)![1]!
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

describe('previewing a draft report', () => {
  it('renders the draft with the published page’s components, marked and kept out of search', async () => {
    const response = await preview(draftId, signPreviewToken('annual-reports', draftId, SECRET))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toMatch(new RegExp(`<h1[^>]*>${DRAFT_REPORT.title}</h1>`))
    expect(html).toContain('class="container report"')
    expect(html).toContain('Preview of a draft: this is not published.')
    expect(html).toMatch(/<meta name="robots" content="noindex">/)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('shows a draft value among the published values, with the values page’s components', async () => {
    const response = await preview(draftValueId, signPreviewToken('values', draftValueId, SECRET), 'values')
    expect(response.status).toBe(200)
    const html = await response.text()
    const published = await (await fetch(`${site.url}/values`)).text()
    expect(html).toMatch(new RegExp(`<h2 id="[^"]+-title"[^>]*>${DRAFT_VALUE.title}</h2>`))
    expect(published).not.toContain(DRAFT_VALUE.title)
    // Every published value is there too, in the same markup.
    for (const [, title] of published.matchAll(/<h2 id="[^"]+-title"[^>]*>([^<]+)<\/h2>/g)) expect(html).toContain(title)
    expect(html).toContain('<live-preview-reload data-admin-origin="http://127.0.0.1:')
  })

  it('shows a draft value’s summary on the home page too, where it appears once published', async () => {
    const response = await fetch(`${site.url}${previewOnPath('values', draftValueId, SECRET)}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('class="hero"')
    expect(mainText(html)).toContain(`${DRAFT_VALUE.title} ${DRAFT_VALUE.summary}`)
    expect(mainText(await (await fetch(`${site.url}/`)).text())).not.toContain(DRAFT_VALUE.title)
    // The token is for this value only: another page's parameter does not widen it.
    expect((await fetch(`${site.url}${previewOnPath('values', draftValueId, SECRET).replace(`/values/${draftValueId}`, '/values/1')}`)).status).toBe(401)
  })

  it('shows a draft report as the home page’s latest report when it is the newest year', async () => {
    const response = await fetch(`${site.url}${previewOnPath('annual-reports', draftId, SECRET)}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toMatch(new RegExp(`<a href="/annual-reports/[^"]+"[^>]*>${DRAFT_REPORT.title}</a>`))
  })

  it('shows a draft FAQ entry in its category on the FAQ page', async () => {
    const response = await preview(draftFaqId, signPreviewToken('faqs', draftFaqId, SECRET), 'faqs')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(mainText(html)).toContain(`${DRAFT_FAQ.question} A draft answer.`)
    const published = await (await fetch(`${site.url}/faq`)).text()
    const questions = [...published.matchAll(/<a class="faq__anchor"[^>]*>\s*([^<]+?)\s*<\/a>/g)].map((match) => match[1]!)
    expect(questions.length).toBeGreaterThan(3)
    for (const question of questions) expect(html).toContain(question)
  })

  it('shows the home page’s draft with the home page’s components', async () => {
    const response = await preview('home', signPreviewToken('home', 'home', SECRET), 'home')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toMatch(new RegExp(`<h2 id="join-heading"[^>]*>${DRAFT_HOME_JOIN_HEADING}</h2>`))
    expect(html).toContain('class="hero"')
    expect(await (await fetch(`${site.url}/`)).text()).not.toContain(DRAFT_HOME_JOIN_HEADING)
  })

  it('refuses a secret for another kind of document, and kinds it does not know', async () => {
    expect((await preview(draftValueId, signPreviewToken('faqs', draftValueId, SECRET), 'values')).status).toBe(401)
    // A correctly signed token for a kind the site does not preview (only a forger would make one).
    const users = 'users' as PreviewTarget
    expect((await preview(1, signPreviewToken(users, 1, SECRET), users)).status).toBe(401)
  })

  it.each([
    ['no secret', undefined, 401],
    ['a made-up secret', '1800000000000.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 401],
    ['a secret signed with another key', signPreviewToken('annual-reports', 1, 'some-other-key'), 401],
  ])('refuses %s with %i', async (_, token, status) => {
    const response = await preview(draftId, token)
    expect(response.status).toBe(status)
    expect(await response.text()).not.toContain(DRAFT_REPORT.title)
  })

  it('refuses a secret made for another document', async () => {
    const response = await preview(draftId, signPreviewToken('annual-reports', draftId + 1000, SECRET))
    expect(response.status).toBe(401)
  })

  it('refuses an expired secret with 403', async () => {
    const response = await preview(draftId, signPreviewToken('annual-reports', draftId, SECRET, Date.now() - 2 * 60 * 60 * 1000))
    expect(response.status).toBe(403)
    expect(await response.text()).toMatch(/expired/)
  })

  it.each(['annual-reports', 'values', 'faqs', 'globals/home'])(
    '%s drafts are not something the CMS hands out without the site server’s token',
    async (target) => {
      const path = target === 'globals/home' ? '/api/globals/home/preview-data' : `/api/${target}/1/preview-data`
      expect((await fetch(`${inject('cmsUrl')}${path}`)).status).toBe(401)
      const forged = await fetch(`${inject('cmsUrl')}${path}`, { headers: { Authorization: 'Bearer not-the-token' } })
      expect(forged.status).toBe(401)
    },
  )
})
