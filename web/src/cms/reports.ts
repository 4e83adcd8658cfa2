import { z } from 'astro/zod'

import type { AnnualReport } from '../../../cms/src/payload-types'
import { richTextToHtml, type RichText } from './richText'

/**
 * An annual report as pages use it, from the CMS document: shared by the build-time loader and
 * the on-demand preview, so a preview renders exactly what publishing will.
 */
/** Required text: present and not just spaces. */
export const text = z.string().trim().min(1)

export const mediaSchema = z.object({
  url: z.url(),
  alt: text,
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  mimeType: z.string().optional(),
  filesize: z.number().optional(),
})
export type MediaEntry = z.infer<typeof mediaSchema>

export function toMedia(value: unknown, cmsUrl: string): MediaEntry | undefined {
  if (!value || typeof value !== 'object') return undefined
  const doc = value as { url?: string | null; alt?: string; width?: number | null; height?: number | null; mimeType?: string | null; filesize?: number | null }
  return {
    url: doc.url ? new URL(doc.url, cmsUrl).href : '',
    alt: doc.alt ?? '',
    width: doc.width ?? undefined,
    height: doc.height ?? undefined,
    mimeType: doc.mimeType ?? undefined,
    filesize: doc.filesize ?? undefined,
  }
}

export const reportSchema = z.object({
  hebrewYear: z.number().int().min(5750).max(5900),
  period: text,
  periodStart: z.coerce.date(),
  periodEnd: z.coerce.date(),
  title: text,
  summary: text,
  cover: mediaSchema.optional(),
  pdf: mediaSchema.optional(),
  html: z.string(),
  publishedAt: z.coerce.date(),
})
export type ReportData = z.infer<typeof reportSchema>

export const reportEntry = (doc: AnnualReport, cmsUrl: string) => ({
  hebrewYear: doc.hebrewYear,
  period: doc.period,
  periodStart: doc.periodStart,
  periodEnd: doc.periodEnd,
  title: doc.title,
  summary: doc.summary,
  cover: toMedia(doc.coverImage, cmsUrl),
  pdf: toMedia(doc.pdf, cmsUrl),
  html: richTextToHtml(doc.body as RichText | null, { cmsUrl }),
  publishedAt: doc.updatedAt,
})
