/**
 * The addresses the CMS links to (cms/contract's SITE_ROUTES and preview links) are pages of this
 * site: a route renamed on one side only fails here, not in an email or a build reason.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { LINKABLE_PAGES, LOCAL_SITE_TOKEN, previewPath, SITE_ROUTES } from 'cms/contract'
import { asAdmin } from './cmsAdmin'
import { htmlPages, page } from './builtSite'
import { serveBuild } from './serveBuild'

let site: Awaited<ReturnType<typeof serveBuild>>

beforeAll(async () => {
  site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
})

afterAll(() => site?.stop())

const published = async <T>(collection: string) => (await asAdmin<{ docs: T[] }>(`/api/${collection}?where[_status][equals]=published&limit=100`)).docs

/** The route and the anchor of a site address. */
const split = (address: string) => {
  const url = new URL(address, 'http://site.test')
  return { route: url.pathname.replace(/(.)\/$/, '$1'), anchor: decodeURIComponent(url.hash.slice(1)) }
}

/** The heading of a page the site server answers: the 404 page's when it has no such route. */
const headingAt = async (address: string) => {
  const response = await fetch(`${site.url}${address}`)
  const html = await response.text()
  return {
    status: response.status,
    heading: /<h1[^>]*>([\s\S]*?)<\/h1>/
      .exec(html)?.[1]
      ?.replace(/<[^>]+>/g, '')
      .trim(),
  }
}

describe('the routes the CMS links to', () => {
  it('are built pages: the home page, values, FAQ, reports, Get the Wire and search', () => {
    const built = htmlPages().map((p) => p.route)
    for (const route of [SITE_ROUTES.home, SITE_ROUTES.values, SITE_ROUTES.faq, SITE_ROUTES.reports, SITE_ROUTES.wire, SITE_ROUTES.search]) {
      expect(built, route).toContain(route)
    }
  })

  it('answer at every fixed page the checks before publishing let content link to', async () => {
    for (const route of LINKABLE_PAGES) expect((await fetch(`${site.url}${route}`)).status, route).toBe(200)
  })

  it('lead to each published report, and to the anchor of each published value and FAQ entry', async () => {
    const built = htmlPages().map((p) => p.route)
    for (const report of await published<{ slug: string }>('annual-reports')) expect(built).toContain(SITE_ROUTES.report(report.slug))
    const entries = [
      ...(await published<{ slug: string }>('values')).map((value) => SITE_ROUTES.valueEntry(value.slug)),
      ...(await published<{ slug: string }>('faqs')).map((faq) => SITE_ROUTES.faqEntry(faq.slug)),
    ]
    expect(entries.length).toBeGreaterThan(3)
    for (const entry of entries) {
      const { route, anchor } = split(entry)
      expect(page(route).getElementById(anchor), entry).not.toBeNull()
    }
  })

  it('include the on-demand pages that emails and the preview button open', async () => {
    const notFound = await headingAt('/no-such-page')
    expect(notFound.status).toBe(404)
    for (const address of [SITE_ROUTES.confirm('a-token'), SITE_ROUTES.unsubscribe('a-token'), previewPath('home', 'home', LOCAL_SITE_TOKEN)]) {
      const answer = await headingAt(address)
      expect(answer.status, address).toBe(200)
      expect(answer.heading, address).not.toBe(notFound.heading)
    }
  })
})
