import { createCmsClient } from './client'
import { roundContent, servedContent } from './contentRound'
import type { FaqData, HomeData, ReportData, SettingsData, ValueData } from './entries'
import type { MediaEntry } from './media'
import { checkSiteContent, readSiteContent, type Entry, type SiteContent } from './siteContent'
import { cmsUrl } from './siteServer'

export type { Entry } from './siteContent'

/**
 * The content queries pages share: collections in the CMS's manual order, reports newest first,
 * FAQ entries grouped under their categories. Pages only compose what these return.
 *
 * All of them read one SiteContent: the CMS's published content read once per build (CMS_URL,
 * see siteServer.ts), or, in the site server, the content of the build being served (see
 * contentRound.ts). It is kept out of the build's bundles, so that a build's code can render the
 * next build's content: the warm builder's renders (builder/renderer.ts).
 */
export function siteContent(): Promise<SiteContent> {
  const served = servedContent()
  if (served) return served.then(checkSiteContent)
  return roundContent(() => readSiteContent(createCmsClient({ cmsUrl: cmsUrl() })), { retryFailed: import.meta.env.DEV })
}

export const byOrder = <T extends { data: { order: string } }>(a: T, b: T) => (a.data.order < b.data.order ? -1 : a.data.order > b.data.order ? 1 : 0)

export async function orderedValues(): Promise<Entry<ValueData>[]> {
  return [...(await siteContent()).values].sort(byOrder)
}

export async function reportsNewestFirst(): Promise<Entry<ReportData>[]> {
  return [...(await siteContent()).reports].sort((a, b) => b.data.hebrewYear - a.data.hebrewYear)
}

export type FaqGroup = { category: SiteContent['faqCategories'][number]; entries: Entry<FaqData>[] }

/** Categories in order, each with its questions in order; empty categories are left out. */
export function groupFaqs(categories: FaqGroup['category'][], faqs: Entry<FaqData>[]): FaqGroup[] {
  return [...categories]
    .sort(byOrder)
    .map((category) => ({
      category,
      entries: faqs.filter((faq) => String(faq.data.category) === category.id).sort(byOrder),
    }))
    .filter((group) => group.entries.length > 0)
}

export async function faqGroups(): Promise<FaqGroup[]> {
  const { faqCategories, faqs } = await siteContent()
  return groupFaqs(faqCategories, faqs)
}

export async function homeContent(): Promise<Entry<HomeData>> {
  return (await siteContent()).home
}

export async function siteSettings(): Promise<Entry<SettingsData>> {
  return (await siteContent()).settings
}

/**
 * Every media file that published content links on the site (report PDFs, files and images in
 * rich text), once each: the build copies exactly these into /media/ (pages/media/[...file].ts).
 */
export async function mediaInUse(): Promise<MediaEntry[]> {
  const { home, values, faqs, reports } = await siteContent()
  const all = [
    ...home.data.media,
    ...values.flatMap((value) => value.data.media),
    ...faqs.flatMap((faq) => faq.data.media),
    ...reports.flatMap((report) => [...report.data.media, ...(report.data.pdf ? [report.data.pdf] : [])]),
  ]
  return [...new Map(all.filter((media) => media.url.startsWith('/media/')).map((media) => [media.url, media])).values()]
}
