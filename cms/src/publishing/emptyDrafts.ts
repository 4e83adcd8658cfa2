import type { Payload, TaskConfig } from 'payload'

import { richTextParts } from '../checks/richText'
import { fieldValues } from '../fields/fieldValues'
import { REVIEWABLE_COLLECTIONS } from '../collections/ReviewRequests/reviewTargets'

/**
 * With autosave, opening "Create new" saves a document at once, before anything is typed; one
 * left like that stays in the list as "Untitled …" and a writer, who may not delete, could not
 * remove it. The job runner discards such drafts: never published, nothing typed in any field,
 * untouched for half an hour and open nowhere (so nobody's open page loses its document).
 */
export const EMPTY_DRAFT_GRACE_MS = 30 * 60 * 1000
export const DISCARD_EMPTY_DRAFTS_TASK = 'discardEmptyDrafts'

const blank = (value: unknown, type: string): boolean => {
  if (value === null || value === undefined || value === '' || value === false) return true
  if (Array.isArray(value)) return value.length === 0
  if (type === 'richText') return richTextParts(value, String).every((part) => !part.text && part.uploads.length === 0 && part.kind !== 'block')
  return false
}

/** A field nobody types into: read-only (derived) or hidden. */
const shownOnly = (admin: object | undefined) => Boolean(admin && (('readOnly' in admin && admin.readOnly) || ('hidden' in admin && admin.hidden)))

/** Whether a document holds nothing anyone typed (fields the system fills, like the slug of an empty title, count as empty too). */
export function isEmptyDocument(payload: Payload, target: (typeof REVIEWABLE_COLLECTIONS)[number], data: Record<string, unknown>): boolean {
  const system = new Set(['lastChangedBy', '_status'])
  return fieldValues(payload.collections[target].config.flattenedFields, data)
    .filter(({ field }) => !system.has(field.name) && !shownOnly(field.admin))
    .every(({ field, value }) => blank(value, field.type))
}

/**
 * Whether a draft must stay although empty: it is live (its main row published, whatever versions
 * were pruned), a published version of it remains, or someone has it open (Payload's lock on it).
 */
async function everPublishedOrOpen(payload: Payload, target: (typeof REVIEWABLE_COLLECTIONS)[number], id: number): Promise<boolean> {
  const [live, published, open] = await Promise.all([
    payload.find({ collection: target, where: { id: { equals: id }, _status: { equals: 'published' } }, draft: false, depth: 0, limit: 1 }),
    payload.countVersions({ collection: target, where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] } }),
    payload.count({
      collection: 'payload-locked-documents',
      where: { and: [{ 'document.relationTo': { equals: target } }, { 'document.value': { equals: id } }] },
    }),
  ])
  return live.totalDocs > 0 || published.totalDocs > 0 || open.totalDocs > 0
}

/** Discards the empty drafts untouched since `before`; returns how many. */
export async function discardEmptyDrafts(payload: Payload, before = new Date(Date.now() - EMPTY_DRAFT_GRACE_MS)): Promise<number> {
  let discarded = 0
  for (const target of REVIEWABLE_COLLECTIONS) {
    const { docs } = await payload.find({
      collection: target,
      where: { and: [{ _status: { equals: 'draft' } }, { updatedAt: { less_than: before.toISOString() } }] },
      draft: true,
      depth: 0,
      sort: 'updatedAt',
      pagination: false,
    })
    for (const doc of docs) {
      if (!isEmptyDocument(payload, target, doc as unknown as Record<string, unknown>)) continue
      if (await everPublishedOrOpen(payload, target, doc.id)) continue
      await payload.delete({ collection: target, id: doc.id, depth: 0 })
      discarded++
    }
  }
  if (discarded > 0) payload.logger.info(`Discarded ${discarded} empty draft${discarded === 1 ? '' : 's'} left by "Create new"`)
  return discarded
}

/** Every ten minutes, by the job runner. */
export const discardEmptyDraftsTask: TaskConfig<'discardEmptyDrafts'> = {
  slug: DISCARD_EMPTY_DRAFTS_TASK,
  label: 'Discard empty drafts',
  retries: 0,
  schedule: [{ cron: '*/10 * * * *', queue: 'default' }],
  handler: async ({ req }) => {
    await discardEmptyDrafts(req.payload)
    return { output: {} }
  },
}
