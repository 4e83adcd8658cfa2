import type { CollectionAfterChangeHook, Payload, TaskConfig } from 'payload'

import { documentTitle, isReviewableGlobal, REVIEWABLE_COLLECTIONS, REVIEWABLE_GLOBALS, type ReviewTarget } from '../collections/ReviewRequests/reviewTargets'
import { mediaIdsIn, selectMediaFields } from '../collections/Media/publishedUse'
import type { Media } from '../payload-types'
import { checkDocument, type CheckedDocument, type CheckOptions } from './checkDocument'
import { checkQueuedLinks, CHECK_LINKS_TASK, queueLinkChecks, requeueStaleLinks } from './externalLinks'
import { countBySeverity } from './findings'
import { loadSiteMap } from './siteLinks'

/** A document's row in content-checks: "faqs:12", or the global's slug. */
export const checksKey = (target: ReviewTarget, id?: number | string | null): string => (isReviewableGlobal(target) ? target : `${target}:${id}`)

/**
 * Checks a document as saved and keeps the findings (one row per document), and queues its
 * external links for the job runner.
 */
export async function recordChecks(
  payload: Payload,
  target: ReviewTarget,
  id: number | null,
  data: Record<string, unknown>,
  options: CheckOptions = {},
): Promise<CheckedDocument> {
  const checked = await checkDocument(payload, target, data, options)
  const key = checksKey(target, id)
  const row = {
    key,
    target,
    documentId: id,
    title: documentTitle(payload, target, id, data),
    ...countBySeverity(checked.findings),
    findings: checked.findings,
    externalLinks: checked.externalUrls.join('\n'),
    checkedAt: new Date().toISOString(),
  }
  const existing = () => payload.find({ collection: 'content-checks', where: { key: { equals: key } }, limit: 1, depth: 0, select: { key: true } })
  const found = (await existing()).docs[0]
  if (found) await payload.update({ collection: 'content-checks', id: found.id, data: row, depth: 0 })
  else {
    // Two first saves at once: the second finds the key taken, and updates instead.
    await payload.create({ collection: 'content-checks', data: row, depth: 0 }).catch(async (error: unknown) => {
      const taken = (await existing()).docs[0]
      if (!taken) throw error
      await payload.update({ collection: 'content-checks', id: taken.id, data: row, depth: 0 })
    })
  }
  await queueLinkChecks(payload, checked.externalUrls)
  return checked
}

/** Checks again what a document or global holds now (its latest draft), e.g. once its links are checked. */
async function recheck(payload: Payload, target: ReviewTarget, id: number | null, options: CheckOptions): Promise<void> {
  const data = isReviewableGlobal(target)
    ? await payload.findGlobal({ slug: target, draft: true, depth: 0 })
    : await payload.findByID({ collection: target, id: id!, draft: true, depth: 0, disableErrors: true })
  if (data) await recordChecks(payload, target, id, data as unknown as Record<string, unknown>, options)
}

/** Every document and global checked again, drafts as they stand ("Check the whole site"). */
export async function checkWholeSite(payload: Payload): Promise<{ documents: number; errors: number; warnings: number }> {
  const site = await loadSiteMap(payload)
  const totals = { documents: 0, errors: 0, warnings: 0 }
  const add = (checked: CheckedDocument) => {
    const counts = countBySeverity(checked.findings)
    totals.documents++
    totals.errors += counts.errors
    totals.warnings += counts.warnings
  }
  for (const target of REVIEWABLE_COLLECTIONS) {
    const { docs } = await payload.find({ collection: target, draft: true, depth: 0, pagination: false })
    for (const doc of docs) add(await recordChecks(payload, target, doc.id, doc as unknown as Record<string, unknown>, { site }))
  }
  for (const target of REVIEWABLE_GLOBALS) {
    add(
      await recordChecks(payload, target, null, (await payload.findGlobal({ slug: target, draft: true, depth: 0 })) as unknown as Record<string, unknown>, {
        site,
      }),
    )
  }
  return totals
}

/**
 * The documents and globals whose latest draft shows the media file `mediaId`, checked again. The
 * checks read a file's alternative text, which is edited on the file, not in the documents: without
 * this, a fixed description left them unpublishable, and a spoiled one flagged nothing.
 */
export async function recheckUsersOfMedia(payload: Payload, savedMedia: Media): Promise<number> {
  const mediaId = savedMedia.id
  let rechecked = 0
  const options: CheckOptions = { site: await loadSiteMap(payload), savedMedia }
  for (const target of REVIEWABLE_COLLECTIONS) {
    const { flattenedFields } = payload.collections[target].config
    const select = selectMediaFields(flattenedFields)
    if (Object.keys(select).length === 0) continue
    const { docs } = await payload.find({ collection: target, draft: true, depth: 0, pagination: false, select })
    for (const doc of docs) {
      if (!mediaIdsIn(flattenedFields, doc).has(mediaId)) continue
      await recheck(payload, target, doc.id, options)
      rechecked++
    }
  }
  for (const target of REVIEWABLE_GLOBALS) {
    const { flattenedFields } = payload.globals.config.find((global) => global.slug === target)!
    const draft = await payload.findGlobal({ slug: target, draft: true, depth: 0 })
    if (!mediaIdsIn(flattenedFields, draft).has(mediaId)) continue
    await recordChecks(payload, target, null, draft as unknown as Record<string, unknown>, options)
    rechecked++
  }
  return rechecked
}

/** What the checks read of a media file: a change to any of these may change a finding. */
const CHECKED_MEDIA_FIELDS = ['alt', 'caption', 'filename'] as const

/** After a media file's description changes, the documents that show it are checked again (see recheckUsersOfMedia). */
export const recheckUsersAfterMediaChange: CollectionAfterChangeHook<Media> = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || CHECKED_MEDIA_FIELDS.every((field) => doc[field] === previousDoc?.[field])) return doc
  try {
    await recheckUsersOfMedia(req.payload, doc)
  } catch (error) {
    // As for a document's own save: keeping findings never costs the change; "Check the whole site" catches up.
    req.payload.logger.error({ err: error, msg: `The documents showing media ${doc.id} could not be checked again` })
  }
  return doc
}

/** Once addresses are checked, the documents that link to them are checked again, so their findings say what was found. */
async function recheckLinking(payload: Payload, urls: string[]): Promise<void> {
  if (urls.length === 0) return
  const { docs } = await payload.find({
    collection: 'content-checks',
    where: { or: urls.map((url) => ({ externalLinks: { contains: url } })) },
    depth: 0,
    pagination: false,
    select: { target: true, documentId: true },
  })
  const site = await loadSiteMap(payload)
  for (const doc of docs) await recheck(payload, doc.target, doc.documentId ?? null, { site })
}

/** The job runner's task: check the queued external links, then the documents that hold them. */
export const checkExternalLinksTask: TaskConfig<'checkExternalLinks'> = {
  slug: CHECK_LINKS_TASK,
  label: 'Check external links',
  retries: 1,
  // Once a day, every address checked more than a day ago, so a link that dies on a page nobody edits is found too.
  schedule: [{ cron: '0 4 * * *', queue: 'default' }],
  handler: async ({ req }) => {
    await requeueStaleLinks(req.payload)
    await recheckLinking(req.payload, await checkQueuedLinks(req.payload))
    return { output: {} }
  },
}
