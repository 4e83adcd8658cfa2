import { z } from 'astro/zod'

import type { AnnualReport, Faq, FaqCategory, Home, SiteSetting, Value } from 'cms/contract'
import { CmsError, type CmsClient } from './client'
import { SITE_CONTENT_FILE } from './contentRound'
import { UndrawableRichText } from './richText'
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
} from './entries'

/** A content entry as pages use it: the site's id for it and its page-ready data. */
export type Entry<T> = { id: string; data: T }

const entryOf = <T extends z.ZodType>(schema: T) => z.object({ id: z.string().min(1), data: schema })

/**
 * Everything the site publishes, page-ready (rich text already HTML, media linked at the site's
 * own copies), each collection in the CMS's order. A build reads it once and every page shows
 * it; the build keeps it beside its pages (site-content.json) for its on-demand pages.
 */
export const siteContentSchema = z.object({
  home: entryOf(homeSchema),
  settings: entryOf(settingsSchema),
  values: z.array(entryOf(valueSchema)),
  faqCategories: z.array(entryOf(faqCategorySchema)),
  faqs: z.array(entryOf(faqSchema)),
  reports: z.array(entryOf(reportSchema)),
})
export type SiteContent = z.infer<typeof siteContentSchema>

/** Turns each document into its entry, checked against `schema`; an invalid document or a repeated id fails the whole reading. */
function entriesOf<TDoc, S extends z.ZodType>(
  cms: CmsClient,
  what: string,
  docs: TDoc[],
  schema: S,
  idOf: (doc: TDoc) => string,
  toData: (doc: TDoc) => unknown,
): Entry<z.infer<S>>[] {
  const seen = new Set<string>()
  return docs.map((doc) => {
    const id = idOf(doc)
    if (seen.has(id)) throw new CmsError(`The CMS at ${cms.cmsUrl} sent two ${what} with the id "${id}"`)
    seen.add(id)
    let data: unknown
    try {
      data = toData(doc)
    } catch (error) {
      if (!(error instanceof UndrawableRichText)) throw error
      throw new CmsError(`The CMS at ${cms.cmsUrl} sent rich text the site cannot show in ${what} "${id}": ${error.message}`)
    }
    const parsed = schema.safeParse(data)
    if (!parsed.success) throw new CmsError(`The CMS at ${cms.cmsUrl} sent invalid content in ${what} "${id}": ${parsed.error.message}`)
    return { id, data: parsed.data }
  })
}

/**
 * Reads every published document the site shows from the CMS, all at once (one request per
 * collection and global), and makes the site's entries of them. Any failure (the CMS unreachable,
 * an invalid document) rejects with a CmsError that names the CMS, what was read and the problem.
 */
export async function readSiteContent(cms: CmsClient): Promise<SiteContent> {
  // Built pages link their own copies of the CMS's media (pages/media/[...file].ts).
  const links = { cmsUrl: cms.cmsUrl, linkTo: 'site' } as const
  const [home, settings, values, faqCategories, faqs, reports] = await Promise.all([
    cms.findGlobal<Home>('home'),
    cms.findGlobal<SiteSetting>('site-settings'),
    cms.findAll<Value>('values'),
    cms.findAll<FaqCategory>('faq-categories'),
    // Depth 1 (the default) for every collection: rich text's images and files come with it.
    cms.findAll<Faq>('faqs'),
    cms.findAll<AnnualReport>('annual-reports'),
  ])
  return {
    home: entriesOf(
      cms,
      'the "home" global',
      [home],
      homeSchema,
      () => 'home',
      (doc) => homeEntry(doc, links),
    )[0]!,
    settings: entriesOf(
      cms,
      'the "site-settings" global',
      [settings],
      settingsSchema,
      () => 'site-settings',
      (doc) => settingsEntry(doc, links),
    )[0]!,
    values: entriesOf(cms, '"values"', values, valueSchema, valueId, (doc) => valueEntry(doc, links)),
    faqCategories: entriesOf(cms, '"faq-categories"', faqCategories, faqCategorySchema, (doc) => String(doc.id), faqCategoryEntry),
    faqs: entriesOf(cms, '"faqs"', faqs, faqSchema, faqId, (doc) => faqEntry(doc, links)),
    reports: entriesOf(
      cms,
      '"annual-reports"',
      reports,
      reportSchema,
      (doc) => doc.slug ?? String(doc.hebrewYear),
      (doc) => reportEntry(doc, links),
    ),
  }
}

const checked = new WeakMap<object, SiteContent>()

/** A build's content as its site-content.json holds it (dates as ISO strings), checked and typed again, once per reading. */
export function checkSiteContent(raw: unknown): SiteContent {
  const known = raw && typeof raw === 'object' ? checked.get(raw) : undefined
  if (known) return known
  const parsed = siteContentSchema.safeParse(raw)
  if (!parsed.success) throw new Error(`The build's ${SITE_CONTENT_FILE} does not hold the site's content: ${parsed.error.message}`)
  checked.set(raw as object, parsed.data)
  return parsed.data
}
