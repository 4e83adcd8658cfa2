/**
 * Editors preview a draft report on the site's on-demand preview route, rendered with the very
 * components of the published page; without a valid, unexpired secret the route refuses.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { previewToken } from '../../../cms/src/publishing/preview'
import { DRAFT_REPORT } from '../setup/testContent'
import { asAdmin } from './cmsAdmin'
import { serveBuild } from './serveBuild'

const SECRET = 'local-development-site-token' // the throwaway CMS and this site server share the default
let site: Awaited<ReturnType<typeof serveBuild>>
let draftId: number

beforeAll(async () => {
  site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
  const { docs } = await asAdmin<{ docs: { id: number }[] }>(
    `/api/annual-reports?draft=true&where[hebrewYear][equals]=${DRAFT_REPORT.hebrewYear}`,
  )
  draftId = docs[0]!.id
})

afterAll(() => site?.stop())

const preview = (id: number | string, token?: string) =>
  fetch(`${site.url}/preview/annual-reports/${id}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`)

describe('previewing a draft report', () => {
  it('renders the draft with the published page’s components, marked and kept out of search', async () => {
    const response = await preview(draftId, previewToken('annual-reports', draftId, SECRET))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toMatch(new RegExp(`<h1[^>]*>${DRAFT_REPORT.title}</h1>`))
    expect(html).toContain('class="container report"')
    expect(html).toContain('Preview of a draft: this is not published.')
    expect(html).toMatch(/<meta name="robots" content="noindex">/)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it.each([
    ['no secret', undefined, 401],
    ['a made-up secret', '1800000000000.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 401],
    ['a secret signed with another key', previewToken('annual-reports', 1, 'some-other-key'), 401],
  ])('refuses %s with %i', async (_, token, status) => {
    const response = await preview(draftId, token)
    expect(response.status).toBe(status)
    expect(await response.text()).not.toContain(DRAFT_REPORT.title)
  })

  it('refuses a secret made for another document', async () => {
    const response = await preview(draftId, previewToken('annual-reports', draftId + 1000, SECRET))
    expect(response.status).toBe(401)
  })

  it('refuses an expired secret with 403', async () => {
    const response = await preview(draftId, previewToken('annual-reports', draftId, SECRET, Date.now() - 2 * 60 * 60 * 1000))
    expect(response.status).toBe(403)
    expect(await response.text()).toMatch(/expired/)
  })

  it('is not something the CMS hands out without the site server’s token', async () => {
    const response = await fetch(`${inject('cmsUrl')}/api/annual-reports/${draftId}/preview-data`)
    expect(response.status).toBe(401)
  })
})
