/**
 * The only place that reads the CMS: published content, fetched over its REST API at build time
 * (CMS_URL; see cms/siteServer.ts), validated here, rich text rendered to safe HTML.
 */
import { defineCollection } from 'astro:content'
import { z } from 'astro/zod'

import type { AnnualReport, Faq, FaqCategory, Home, SiteSetting, Value } from 'cms/contract'
import { createCmsClient } from './cms/client'
import { httpUrl, safeHref } from './cms/links'
import { cmsLoaders } from './cms/loaders'
import { cmsUrl } from './cms/siteServer'
import { mediaSchema, text, toMedia } from './cms/media'
import { reportEntry, reportSchema } from './cms/reports'
import { faqEntry, faqId, faqSchema, homeEntry, homeSchema, valueEntry, valueId, valueSchema } from './cms/entries'

const cms = createCmsClient({ cmsUrl: cmsUrl() })
// Built pages link their own copies of the CMS's media (pages/media/[...file].ts).
const links = { cmsUrl: cms.cmsUrl, linkTo: 'site' } as const
// Made in this order, they write Astro's content store in this order (see cmsLoaders).
const load = cmsLoaders(cms)

const link = z.object({ label: text, href: safeHref })

const home = defineCollection({
  loader: load.global<Home, Record<string, unknown>>('home', { toEntry: (doc) => homeEntry(doc, links) }),
  schema: homeSchema,
})

const settings = defineCollection({
  loader: load.global<SiteSetting, Record<string, unknown>>('site-settings', {
    toEntry: (doc) => ({
      siteName: doc.siteName,
      tagline: doc.tagline ?? undefined,
      postalAddress: doc.postalAddress ?? undefined,
      navigation: (doc.navigation ?? []).map(({ label, href }) => ({ label, href })),
      footerText: doc.footerText ?? undefined,
      socialLinks: (doc.socialLinks ?? []).map(({ platform, url }) => ({ platform, url })),
      newsletter: doc.newsletter,
      icon: toMedia(doc.icon, links),
    }),
  }),
  schema: z.object({
    siteName: text,
    tagline: z.string().optional(),
    postalAddress: z.string().optional(),
    navigation: z.array(link),
    footerText: z.string().optional(),
    socialLinks: z.array(z.object({ platform: text, url: httpUrl })),
    newsletter: z.object({ heading: text, pitch: text, consentText: text, consentVersion: text }),
    icon: mediaSchema.optional(),
  }),
})

const values = defineCollection({
  loader: load.collection<Value, Record<string, unknown>>('values', {
    idOf: valueId,
    toEntry: (doc) => valueEntry(doc, links),
  }),
  schema: valueSchema,
})

const faqCategories = defineCollection({
  loader: load.collection<FaqCategory, Record<string, unknown>>('faq-categories', {
    toEntry: (doc) => ({ order: doc._order, title: doc.title, slug: doc.slug }),
  }),
  schema: z.object({ order: text, title: text, slug: text }),
})

const faqs = defineCollection({
  loader: load.collection<Faq, Record<string, unknown>>('faqs', {
    idOf: faqId,
    depth: 0,
    toEntry: (doc) => faqEntry(doc, links),
  }),
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
