import type { FlattenedField, Payload } from 'payload'

import { blockLabel } from '../blocks/reportBlocks'
import { fieldValues, type FieldValue } from '../fields/fieldValues'
import { relationId } from '../fields/relationId'
import { isReviewableGlobal, type ReviewTarget } from '../collections/ReviewRequests/reviewTargets'
import { classifyLink, loadSiteMap, type SiteMap } from './siteLinks'
import type { Finding } from './findings'
import { richTextParts } from './richText'
import { checkImage, checkLink, checkRichText, checkSearchSnippet, type LinkCheck, type MediaFacts, type RuleContext } from './rules'
import { readLinkChecks } from './externalLinks'

/** How a field asks to be checked, beyond its type (set in `custom.checks`): as a link, or as text search engines show. */
export type CheckAs = 'link' | 'searchSnippet'

const checkAs = (field: FlattenedField): CheckAs | undefined => (field.custom as { checks?: CheckAs } | undefined)?.checks

/** The media and external links a document's fields hold, to read their facts in one query each. */
function referencesOf(visits: FieldValue[]) {
  const media = new Set<number>()
  const urls = new Set<string>()
  for (const { field, value } of visits) {
    if (field.type === 'upload') {
      const id = relationId(value)
      if (id !== undefined) media.add(id)
    }
    if (field.type === 'richText') {
      for (const part of richTextParts(value, blockLabel)) {
        part.uploads.forEach((id) => media.add(id))
        for (const link of part.links) {
          const kind = classifyLink(link.url)
          if (kind.kind === 'external') urls.add(kind.url)
        }
      }
    }
    if (checkAs(field) === 'link' && typeof value === 'string') {
      const kind = classifyLink(value)
      if (kind.kind === 'external') urls.add(kind.url)
    }
  }
  return { media, urls }
}

export type CheckedDocument = { findings: Finding[]; externalUrls: string[] }

/**
 * What a check may be told instead of reading it: the site map (`site`), when many documents are
 * checked in a row; a media file as it was just saved (`savedMedia`), when its change is not
 * committed yet, so a read on another connection would still see it as it was.
 */
export type CheckOptions = { site?: SiteMap; savedMedia?: MediaFacts & { id: number } }

/** Checks a document or global as given (a draft, or what is about to be published): every rule over every field. */
export async function checkDocument(
  payload: Payload,
  target: ReviewTarget,
  data: Record<string, unknown>,
  { site, savedMedia }: CheckOptions = {},
): Promise<CheckedDocument> {
  const fields = isReviewableGlobal(target)
    ? payload.globals.config.find((global) => global.slug === target)!.flattenedFields
    : payload.collections[target].config.flattenedFields
  const visits = fieldValues(fields, data)
  const references = referencesOf(visits)
  const [siteMap, mediaDocs, linkChecks] = await Promise.all([
    site ?? loadSiteMap(payload),
    references.media.size
      ? payload.find({
          collection: 'media',
          where: { id: { in: [...references.media] } },
          select: { alt: true, filename: true, caption: true },
          depth: 0,
          pagination: false,
        })
      : undefined,
    readLinkChecks(payload, [...references.urls]),
  ])
  const media = new Map<number, MediaFacts>((mediaDocs?.docs ?? []).map((doc) => [doc.id, doc]))
  if (savedMedia && references.media.has(savedMedia.id)) media.set(savedMedia.id, savedMedia)
  const findings: Finding[] = []
  for (const { field, value, path, label } of visits) {
    const ctx: RuleContext = { path, label, site: siteMap, media, linkChecks }
    if (field.type === 'richText') findings.push(...checkRichText(ctx, richTextParts(value, blockLabel)))
    if (field.type === 'upload') {
      const id = relationId(value)
      if (id !== undefined) findings.push(...checkImageIfImage(ctx, id))
    }
    const as = checkAs(field)
    if (as === 'link' && typeof value === 'string' && value) findings.push(...checkLink(ctx, { url: value }))
    if (as === 'searchSnippet') findings.push(...checkSearchSnippet(ctx, value))
  }
  if (target === 'annual-reports') findings.push(...reportFiles(data))
  return { findings, externalUrls: [...references.urls] }

  /** Upload fields may hold a PDF: only images need alternative text. */
  function checkImageIfImage(ctx: RuleContext, id: number): Finding[] {
    const filename = media.get(id)?.filename ?? ''
    return /\.pdf$/i.test(filename) ? [] : checkImage(ctx, id)
  }
}

/** A report without its PDF or cover still publishes; the page is poorer for it. */
function reportFiles(data: Record<string, unknown>): Finding[] {
  const missing: Finding[] = []
  if (relationId(data.coverImage) === undefined) {
    missing.push({
      severity: 'warning',
      rule: 'report-files',
      path: 'coverImage',
      place: 'Cover image',
      message: 'The report has no cover image: its card on the home page and in the report list shows none. Add one.',
    })
  }
  if (relationId(data.pdf) === undefined) {
    missing.push({
      severity: 'warning',
      rule: 'report-files',
      path: 'pdf',
      place: 'PDF version',
      message: 'The report has no PDF version to download or print. Add one when it is ready.',
    })
  }
  return missing
}

export type { LinkCheck }
