import { getCollection, getEntry, type CollectionEntry } from 'astro:content'

import type { FaqData } from './entries'
import type { MediaEntry } from './media'

/**
 * The content queries pages share: collections in the CMS's manual order, reports newest first,
 * FAQ entries grouped under their categories. Pages only compose what these return.
 */
export const byOrder = <T extends { data: { order: string } }>(a: T, b: T) => (a.data.order < b.data.order ? -1 : a.data.order > b.data.order ? 1 : 0)

export async function orderedValues(): Promise<CollectionEntry<'values'>[]> {
  return (await getCollection('values')).sort(byOrder)
}

export async function reportsNewestFirst(): Promise<CollectionEntry<'reports'>[]> {
  return (await getCollection('reports')).sort((a, b) => b.data.hebrewYear - a.data.hebrewYear)
}

/** A content entry as pages use it: the site's id for it and its page-ready data. */
export type Entry<T> = { id: string; data: T }

export type FaqGroup = { category: Entry<CollectionEntry<'faqCategories'>['data']>; entries: Entry<FaqData>[] }

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
  const [categories, faqs] = await Promise.all([getCollection('faqCategories'), getCollection('faqs')])
  return groupFaqs(categories, faqs)
}

export async function homeContent(): Promise<CollectionEntry<'home'>> {
  const home = await getEntry('home', 'home')
  if (!home) throw new Error('The home page content did not load from the CMS.')
  return home
}

export async function siteSettings(): Promise<CollectionEntry<'settings'>> {
  const settings = await getEntry('settings', 'site-settings')
  if (!settings) throw new Error('The site settings did not load from the CMS.')
  return settings
}

/**
 * Every media file that published content links on the site (report PDFs, files and images in
 * rich text), once each: the build copies exactly these into /media/ (pages/media/[...file].ts).
 */
export async function mediaInUse(): Promise<MediaEntry[]> {
  const [home, values, faqs, reports] = await Promise.all([homeContent(), getCollection('values'), getCollection('faqs'), getCollection('reports')])
  const all = [
    ...home.data.media,
    ...values.flatMap((value) => value.data.media),
    ...faqs.flatMap((faq) => faq.data.media),
    ...reports.flatMap((report) => [...report.data.media, ...(report.data.pdf ? [report.data.pdf] : [])]),
  ]
  return [...new Map(all.filter((media) => media.url.startsWith('/media/')).map((media) => [media.url, media])).values()]
}
