import type { Payload } from 'payload'

import { siteUrl } from '../config/env'
import { LINKABLE_PAGES, SITE_ROUTES } from '../contract'

/**
 * The pages of the public site a link may point to, as published now: the fixed pages, each
 * published report's page, and the anchors of published values, FAQ entries and categories on
 * their pages (web/src/components/ValuesPage.astro, FaqPage.astro). Read once per check.
 */
export type SiteMap = {
  pages: Set<string>
  anchors: Map<string, Set<string>>
  mediaFiles: Set<string>
}

/**
 * Read straight from the database adapter: the map is read on every save (autosaves included), and
 * the local API's read hooks made it slow on a big site (5,000 FAQ entries: 58 ms for their slugs
 * alone through the local API, 18.5 ms for the whole map from the adapter; bench/results/site-map.md).
 */
const slugsOf = async (payload: Payload, collection: 'values' | 'faqs' | 'faq-categories' | 'annual-reports') =>
  (
    await payload.db.find<{ slug?: string | null }>({
      collection,
      where: { _status: { equals: 'published' } },
      select: { slug: true },
      pagination: false,
      limit: 0,
    })
  ).docs.flatMap((doc) => (typeof doc.slug === 'string' && doc.slug ? [doc.slug] : []))

export async function loadSiteMap(payload: Payload): Promise<SiteMap> {
  const [values, faqs, categories, reports, media] = await Promise.all([
    slugsOf(payload, 'values'),
    slugsOf(payload, 'faqs'),
    slugsOf(payload, 'faq-categories'),
    slugsOf(payload, 'annual-reports'),
    payload.db.find<{ filename?: string | null }>({ collection: 'media', select: { filename: true }, pagination: false, limit: 0 }),
  ])
  return {
    pages: new Set([...LINKABLE_PAGES, ...reports.map((slug) => SITE_ROUTES.report(slug))]),
    anchors: new Map([
      [SITE_ROUTES.values, new Set(values)],
      [SITE_ROUTES.faq, new Set([...faqs, ...categories])],
    ]),
    mediaFiles: new Set(media.docs.flatMap((doc) => (doc.filename ? [`/media/${doc.filename}`] : []))),
  }
}

export type LinkKind = { kind: 'site'; path: string; anchor?: string } | { kind: 'external'; url: string } | { kind: 'other' } | { kind: 'unusable' }

/** Percent-decoding that keeps a malformed address as it is ("/100%"), to be reported rather than to throw. */
const decoded = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** What a link's address is: a page of this site (by path or by the site's own address), an address elsewhere, mail or phone, or nothing a browser can follow. */
export function classifyLink(address: string): LinkKind {
  const trimmed = address.trim()
  if (trimmed.startsWith('#')) return { kind: 'other' }
  if (/^(mailto|tel):/i.test(trimmed)) return { kind: 'other' }
  const site = URL.parse(siteUrl())
  const parsed = trimmed.startsWith('/') && !trimmed.startsWith('//') ? URL.parse(trimmed, site ?? 'https://site.invalid') : URL.parse(trimmed)
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return { kind: 'unusable' }
  if (trimmed.startsWith('/') || (site && parsed.origin === site.origin)) {
    const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname
    return { kind: 'site', path: decoded(path), anchor: parsed.hash ? decoded(parsed.hash.slice(1)) : undefined }
  }
  return { kind: 'external', url: parsed.href }
}

/** Why a link to this site leads nowhere, or undefined when its page (and anchor) exist. */
export function siteLinkProblem(link: { path: string; anchor?: string }, site: SiteMap): string | undefined {
  if (site.mediaFiles.has(link.path)) return undefined
  if (!site.pages.has(link.path)) {
    return link.path.startsWith(`${SITE_ROUTES.reports}/`)
      ? `${link.path} is not a published annual report.`
      : `${link.path} is not a page of this site (its pages are ${LINKABLE_PAGES.join(', ')} and each report's page).`
  }
  const anchors = link.anchor ? site.anchors.get(link.path) : undefined
  if (link.anchor && anchors && !anchors.has(link.anchor)) return `Nothing published on ${link.path} is called #${link.anchor}.`
  return undefined
}
