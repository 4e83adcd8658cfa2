/**
 * The site's content collections: each reads published documents from the CMS at build time
 * (cms/client.ts; CMS_URL, see cms/siteServer.ts) and maps them with cms/entries.ts, validated by
 * its schema. The preview route and the site server's newsletter calls are the other readers.
 */
import { defineCollection } from 'astro:content'

import type { AnnualReport, Faq, FaqCategory, Home, SiteSetting, Value } from 'cms/contract'
import { createCmsClient } from './cms/client'
import {
  faqCategoryEntry,
  faqCategorySchema,
  faqEntry,
  faqId,
  faqSchema,
  homeEntry,
  homeSchema,
  reportEntry,
  reportSchema,
  settingsEntry,
  settingsSchema,
  valueEntry,
  valueId,
  valueSchema,
} from './cms/entries'
import { cmsLoaders } from './cms/loaders'
import { answersReadAhead } from './cms/readAhead'
import { cmsUrl } from './cms/siteServer'

// In the warm builder, the loaders' requests were sent as soon as the build was asked for.
const cms = createCmsClient({ cmsUrl: cmsUrl(), answered: answersReadAhead(cmsUrl()) })
// Built pages link their own copies of the CMS's media (pages/media/[...file].ts).
const links = { cmsUrl: cms.cmsUrl, linkTo: 'site' } as const
// Made in this order, they write Astro's content store in this order (see cmsLoaders).
const load = cmsLoaders(cms)

const home = defineCollection({
  loader: load.global<Home, Record<string, unknown>>('home', { toEntry: (doc) => homeEntry(doc, links) }),
  schema: homeSchema,
})

const settings = defineCollection({
  loader: load.global<SiteSetting, Record<string, unknown>>('site-settings', { toEntry: (doc) => settingsEntry(doc, links) }),
  schema: settingsSchema,
})

const values = defineCollection({
  loader: load.collection<Value, Record<string, unknown>>('values', { idOf: valueId, toEntry: (doc) => valueEntry(doc, links) }),
  schema: valueSchema,
})

const faqCategories = defineCollection({
  loader: load.collection<FaqCategory, Record<string, unknown>>('faq-categories', { toEntry: faqCategoryEntry }),
  schema: faqCategorySchema,
})

const faqs = defineCollection({
  loader: load.collection<Faq, Record<string, unknown>>('faqs', { idOf: faqId, depth: 0, toEntry: (doc) => faqEntry(doc, links) }),
  schema: faqSchema,
})

const reports = defineCollection({
  loader: load.collection<AnnualReport, Record<string, unknown>>('annual-reports', {
    idOf: (doc) => doc.slug ?? String(doc.hebrewYear),
    toEntry: (doc) => reportEntry(doc, links),
  }),
  schema: reportSchema,
})

export const collections = { home, settings, values, faqCategories, faqs, reports }
