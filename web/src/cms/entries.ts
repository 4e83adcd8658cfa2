import { z } from 'astro/zod'

import { HEBREW_YEARS, type AnnualReport, type Faq, type FaqCategory, type Home, type SiteSetting, type Value } from 'cms/contract'
import { httpUrl, safeHref } from './links'
import { mediaSchema, text, toMedia, type MediaEntry, type MediaLinks } from './media'
import { leadAndRest, richTextToHtml, type RichText } from './richText'

/**
 * Every CMS document as pages use it: a mapper from the document (typed by the CMS's contract)
 * and the schema its result must pass. Shared by the build's reading of the content
 * (siteContent.ts) and the on-demand preview, so a preview renders exactly what publishing will.
 */
export const homeSchema = z.object({
  // The opening sentence becomes the page's headline; the rest follows it.
  vision: z.object({ heading: text, lead: text, rest: z.string() }),
  whoWeAre: z.object({ heading: text, html: text }),
  joinCall: z.object({ heading: text, text, linkLabel: z.string().optional(), linkUrl: safeHref.optional() }),
  /** The media files its rich text shows. */
  media: z.array(mediaSchema),
})
export type HomeData = z.infer<typeof homeSchema>

export function homeEntry(doc: Home, links: MediaLinks) {
  const media: MediaEntry[] = []
  return {
    vision: { heading: doc.vision?.heading, ...leadAndRest(doc.vision?.body as RichText, { ...links, media }) },
    whoWeAre: { heading: doc.whoWeAre?.heading, html: richTextToHtml(doc.whoWeAre?.body as RichText, { ...links, media }) },
    joinCall: {
      heading: doc.joinCall?.heading,
      text: doc.joinCall?.text,
      linkLabel: doc.joinCall?.linkLabel ?? undefined,
      linkUrl: doc.joinCall?.linkUrl ?? undefined,
    },
    media,
  }
}

export const valueSchema = z.object({ order: text, title: text, summary: text, html: z.string(), media: z.array(mediaSchema) })
export type ValueData = z.infer<typeof valueSchema>
export const valueId = (doc: Value) => doc.slug ?? String(doc.id)
export function valueEntry(doc: Value, links: MediaLinks) {
  const media: MediaEntry[] = []
  return { order: doc._order, title: doc.title, summary: doc.summary, html: richTextToHtml(doc.body as RichText | null, { ...links, media }), media }
}

export const faqSchema = z.object({ order: text, question: text, category: z.number().int(), html: text, media: z.array(mediaSchema) })
export type FaqData = z.infer<typeof faqSchema>
export const faqId = (doc: Faq) => doc.slug ?? String(doc.id)
export function faqEntry(doc: Faq, links: MediaLinks) {
  const media: MediaEntry[] = []
  return {
    order: doc._order,
    question: doc.question,
    category: typeof doc.category === 'object' ? doc.category?.id : doc.category,
    html: richTextToHtml(doc.answer as RichText | null, { ...links, media }),
    media,
  }
}

export const faqCategorySchema = z.object({ order: text, title: text, slug: text })
export const faqCategoryEntry = (doc: FaqCategory) => ({ order: doc._order, title: doc.title, slug: doc.slug })

export const reportSchema = z.object({
  hebrewYear: z.number().int().min(HEBREW_YEARS.min).max(HEBREW_YEARS.max),
  period: text,
  periodStart: z.coerce.date(),
  periodEnd: z.coerce.date(),
  title: text,
  summary: text,
  cover: mediaSchema.optional(),
  pdf: mediaSchema.optional(),
  html: z.string(),
  /** The media files the body shows. */
  media: z.array(mediaSchema),
  publishedAt: z.coerce.date(),
})
export type ReportData = z.infer<typeof reportSchema>

export function reportEntry(doc: AnnualReport, links: MediaLinks) {
  const media: MediaEntry[] = []
  return {
    hebrewYear: doc.hebrewYear,
    period: doc.period,
    periodStart: doc.periodStart,
    periodEnd: doc.periodEnd,
    title: doc.title,
    summary: doc.summary,
    cover: toMedia(doc.coverImage, links),
    pdf: toMedia(doc.pdf, links),
    html: richTextToHtml(doc.body as RichText | null, { ...links, media }),
    media,
    publishedAt: doc.updatedAt,
  }
}

const link = z.object({ label: text, href: safeHref })

/** The site settings every page shows (header, footer, the newsletter's wording). */
export const settingsSchema = z.object({
  siteName: text,
  tagline: z.string().optional(),
  postalAddress: z.string().optional(),
  navigation: z.array(link),
  footerText: z.string().optional(),
  socialLinks: z.array(z.object({ platform: text, url: httpUrl })),
  newsletter: z.object({ heading: text, pitch: text, consentText: text, consentVersion: text }),
  icon: mediaSchema.optional(),
})
export type SettingsData = z.infer<typeof settingsSchema>

export function settingsEntry(doc: SiteSetting, links: MediaLinks) {
  return {
    siteName: doc.siteName,
    tagline: doc.tagline ?? undefined,
    postalAddress: doc.postalAddress ?? undefined,
    navigation: (doc.navigation ?? []).map(({ label, href }) => ({ label, href })),
    footerText: doc.footerText ?? undefined,
    socialLinks: (doc.socialLinks ?? []).map(({ platform, url }) => ({ platform, url })),
    newsletter: doc.newsletter,
    icon: toMedia(doc.icon, links),
  }
}

/** How the site words the newsletter sign-up (heading, pitch, consent), from the site settings. */
export type NewsletterWording = SettingsData['newsletter']
