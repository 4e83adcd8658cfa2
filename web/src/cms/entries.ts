import { z } from 'astro/zod'

import type { Faq, Home, Value } from 'cms/contract'
import { safeHref } from './links'
import { mediaSchema, text, type MediaEntry, type MediaLinks } from './media'
import { leadAndRest, richTextToHtml, type RichText } from './richText'

/**
 * The home page, values and FAQ entries as pages use them, from CMS documents: shared by the
 * build-time loaders and the on-demand preview, so a preview renders exactly what publishing will.
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
