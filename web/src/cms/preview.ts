import type { z } from 'astro/zod'

import {
  ALSO_SHOWN_ON,
  checkPreviewToken,
  PREVIEW_TARGETS,
  showsOnAnotherPage,
  type AnnualReport,
  type Faq,
  type Home,
  type PreviewTarget,
  type Value,
} from 'cms/contract'
import { byOrder, groupFaqs, homeContent, orderedValues, reportsNewestFirst, siteContent, siteSettings, type Entry, type FaqGroup } from './content'
import {
  faqEntry,
  faqId,
  faqSchema,
  homeEntry,
  homeSchema,
  reportEntry,
  reportSchema,
  valueEntry,
  valueId,
  valueSchema,
  type HomeData,
  type ReportData,
  type ValueData,
} from './entries'
import type { MediaLinks } from './media'
import { UndrawableRichText } from './richText'
import { CmsError } from './client'
import { cmsPublicOrigin, siteServerCms, siteServerToken } from './siteServer'

/** A draft's media may not be published: the editor's browser gets them from the CMS. */
const draftMedia = (): MediaLinks => ({ cmsUrl: cmsPublicOrigin(), linkTo: 'cms' })

/** The latest draft of a document, read from the CMS with the site server's token; null if there is none. */
async function fetchDraft<T>(target: PreviewTarget, id: string): Promise<T | null> {
  const path = target === 'home' ? '/api/globals/home/preview-data' : `/api/${target}/${encodeURIComponent(id)}/preview-data`
  try {
    return (await siteServerCms().getJson(path, `the draft of ${target} ${id}`)) as T
  } catch (error) {
    if (error instanceof CmsError && error.status === 404) return null
    throw error
  }
}

export type PreviewPage =
  | { target: 'annual-reports'; title: string; report: ReportData }
  | { target: 'values'; title: string; values: Entry<ValueData>[] }
  | { target: 'faqs'; title: string; groups: FaqGroup[] }
  | {
      target: 'home'
      title: string
      home: HomeData
      values: Entry<ValueData>[]
      latestReport: Awaited<ReturnType<typeof reportsNewestFirst>>[number] | undefined
      newsletter: Awaited<ReturnType<typeof siteSettings>>['data']['newsletter']
    }
  | { target: 'problem'; status: number; message: string }

class DraftProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

function parseDraft<S extends z.ZodType>(schema: S, entry: unknown): z.infer<S> {
  const parsed = schema.safeParse(entry)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')
  throw new DraftProblem(422, `The draft cannot be shown yet: ${issues}.`)
}

async function draftOf<T>(target: PreviewTarget, id: string): Promise<T> {
  const draft = await fetchDraft<T>(target, id)
  if (!draft) throw new DraftProblem(404, 'There is no such document.')
  return draft
}

/** A published list with the draft in its place (or added, if it was never published), in order. */
function withDraft<T extends { order: string }>(published: Entry<T>[], draft: Entry<T>): Entry<T>[] {
  return [...published.filter((entry) => entry.id !== draft.id), draft].sort(byOrder)
}

/** The published home page around a draft value (its summary) or a draft report (the newest report's card). */
async function homeWith(draft: { value?: Entry<ValueData>; report?: Entry<ReportData> }): Promise<PreviewPage> {
  const [home, values, reports, settings] = await Promise.all([homeContent(), orderedValues(), reportsNewestFirst(), siteSettings()])
  const newest = reports[0]
  const report = draft.report
  // The draft is the card's report if it is the newest year (as it will be once published).
  const latestReport = report && (!newest || report.data.hebrewYear >= newest.data.hebrewYear) ? { ...report, collection: 'reports' as const } : newest
  return {
    target: 'home',
    title: 'Home page',
    home: home.data,
    values: draft.value ? withDraft(values, draft.value) : values,
    latestReport,
    newsletter: settings.data.newsletter,
  }
}

async function draftPage(target: PreviewTarget, id: string, on?: string): Promise<PreviewPage> {
  const onHome = on === 'home' && showsOnAnotherPage(target) && ALSO_SHOWN_ON[target] === on
  switch (target) {
    case 'annual-reports': {
      const doc = await draftOf<AnnualReport>(target, id)
      const report = parseDraft(reportSchema, reportEntry(doc, draftMedia()))
      if (onHome) return homeWith({ report: { id: doc.slug ?? String(doc.hebrewYear), data: report } })
      return { target, title: report.title, report }
    }
    case 'values': {
      const doc = await draftOf<Value>(target, id)
      const draft = { id: valueId(doc), data: parseDraft(valueSchema, valueEntry(doc, draftMedia())) }
      if (onHome) return homeWith({ value: draft })
      return { target, title: 'Our core values', values: withDraft(await orderedValues(), draft) }
    }
    case 'faqs': {
      const doc = await draftOf<Faq>(target, id)
      const draft = { id: faqId(doc), data: parseDraft(faqSchema, faqEntry(doc, draftMedia())) }
      const { faqCategories, faqs } = await siteContent()
      return { target, title: 'Frequently asked questions', groups: groupFaqs(faqCategories, withDraft(faqs, draft)) }
    }
    case 'home': {
      const home = parseDraft(homeSchema, homeEntry(await draftOf<Home>(target, id), draftMedia()))
      const [values, reports, settings] = await Promise.all([orderedValues(), reportsNewestFirst(), siteSettings()])
      return { target, title: 'Home page', home, values, latestReport: reports[0], newsletter: settings.data.newsletter }
    }
  }
}

/**
 * What a preview link shows: the latest draft placed in the page it will appear on (or, with
 * `on=home`, in the home page where part of it shows too), or why not (401 without a valid
 * secret, 403 once it expired, 404, or 422 for a draft that is not complete).
 */
export async function previewPage(target: string, id: string, token: string | null, on?: string | null): Promise<PreviewPage> {
  const known = (PREVIEW_TARGETS as readonly string[]).includes(target)
  const check = known ? checkPreviewToken(token, target, id, siteServerToken()) : 'invalid'
  if (check === 'expired') return { target: 'problem', status: 403, message: 'This preview link has expired. Open the preview again from the admin.' }
  if (check !== 'valid') return { target: 'problem', status: 401, message: 'This preview link is not valid.' }
  try {
    return await draftPage(target as PreviewTarget, id, on ?? undefined)
  } catch (error) {
    if (error instanceof DraftProblem) return { target: 'problem', status: error.status, message: error.message }
    // What the build would refuse, the preview says instead of showing the page without it.
    if (error instanceof UndrawableRichText) return { target: 'problem', status: 422, message: `The draft cannot be shown: ${error.message}.` }
    throw error
  }
}
