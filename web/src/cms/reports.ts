import { z } from 'astro/zod'

import { HEBREW_YEARS, type AnnualReport } from 'cms/contract'
import { mediaSchema, text, toMedia, type MediaEntry, type MediaLinks } from './media'
import { richTextToHtml, type RichText } from './richText'

/**
 * An annual report as pages use it, from the CMS document: shared by the build-time loader and
 * the on-demand preview, so a preview renders exactly what publishing will.
 */
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
