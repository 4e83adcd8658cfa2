import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, FlattenedField, GlobalAfterChangeHook, PayloadRequest } from 'payload'

import { fieldValues } from '../../fields/fieldValues'
import { relationId } from '../../fields/relationId'

type Status = { _status?: 'draft' | 'published' | null } | undefined

/** Upload nodes anywhere in a Lexical document (paragraphs, lists, blocks' fields). */
function uploadsInRichText(node: unknown, into: Set<number>): void {
  if (Array.isArray(node)) {
    for (const child of node) uploadsInRichText(child, into)
    return
  }
  if (!node || typeof node !== 'object') return
  const record = node as Record<string, unknown>
  if (record.type === 'upload' && record.relationTo === 'media') {
    const id = relationId(record.value)
    if (id !== undefined) into.add(id)
  }
  for (const value of Object.values(record)) uploadsInRichText(value, into)
}

/** Whether a field holds, or may hold inside it, a reference to a media file. */
function carriesMedia(field: FlattenedField): boolean {
  switch (field.type) {
    case 'upload':
      return field.relationTo === 'media' || (Array.isArray(field.relationTo) && field.relationTo.includes('media'))
    case 'richText':
      return true
    case 'group':
    case 'tab':
    case 'array':
      return field.flattenedFields.some(carriesMedia)
    case 'blocks':
      return field.blocks.some((block) => block.flattenedFields.some(carriesMedia))
    default:
      return false
  }
}

/** Every media id a document's data points at, through its upload fields and its rich text. */
export function mediaIdsIn(fields: FlattenedField[], data: unknown, into = new Set<number>()): Set<number> {
  for (const { field, value } of fieldValues(fields, data)) {
    if (field.type === 'richText') uploadsInRichText(value, into)
    if (field.type !== 'upload' || !carriesMedia(field)) continue
    for (const item of Array.isArray(value) ? value : [value]) {
      // Uploads to several collections hold { relationTo, value }; to one, the id or the document.
      const polymorphic = Array.isArray(field.relationTo) && item && typeof item === 'object'
      const id = relationId(polymorphic ? (item.relationTo === 'media' ? item.value : undefined) : item)
      if (id !== undefined) into.add(id)
    }
  }
  return into
}

/** A `select` of only the fields that may point at media files. */
export const selectMediaFields = (fields: FlattenedField[]) => Object.fromEntries(fields.filter(carriesMedia).map((field) => [field.name, true as const]))

/** The media that published content shows: covers, PDFs, uploads in rich text, in any collection or global with drafts. */
async function mediaUsedByPublishedContent(req: PayloadRequest): Promise<Set<number>> {
  const { payload } = req
  const used = new Set<number>()
  for (const collection of payload.config.collections) {
    if (!collection.versions?.drafts || !collection.flattenedFields.some(carriesMedia)) continue
    const { docs } = await payload.find({
      collection: collection.slug,
      where: { _status: { equals: 'published' } },
      select: selectMediaFields(collection.flattenedFields),
      depth: 0,
      pagination: false,
      draft: false,
      overrideAccess: true,
      req,
    })
    for (const doc of docs) mediaIdsIn(collection.flattenedFields, doc, used)
  }
  for (const global of payload.config.globals) {
    if (!global.versions?.drafts || !global.flattenedFields.some(carriesMedia)) continue
    const doc = await payload.findGlobal({ slug: global.slug, depth: 0, draft: false, overrideAccess: true, req })
    if ((doc as Status)?._status === 'published') mediaIdsIn(global.flattenedFields, doc, used)
  }
  return used
}

/**
 * Marks every media file with whether published content uses it, which decides who may read it
 * (the public: only those) and who may change it (writers: only the others). Recomputed in full,
 * inside the transaction of the change that may have altered it, so it is never a step behind
 * what is published.
 */
export async function refreshMediaUse(req: PayloadRequest): Promise<void> {
  const used = [...(await mediaUsedByPublishedContent(req))]
  const mark = (where: Parameters<typeof req.payload.db.updateMany>[0]['where'], usedByPublished: boolean) =>
    req.payload.db.updateMany({ collection: 'media', where, data: { usedByPublished }, req, returning: false })
  if (used.length) await mark({ and: [{ id: { in: used } }, { usedByPublished: { not_equals: true } }] }, true)
  await mark(used.length ? { and: [{ id: { not_in: used } }, { usedByPublished: { equals: true } }] } : { usedByPublished: { equals: true } }, false)
}

// Draft saves (noted by noteDraftSave in the same request) never change what is published.
const touchesPublished = (req: PayloadRequest, doc: Status, previousDoc?: Status) =>
  !req.context.draftSave && (doc?._status === 'published' || previousDoc?._status === 'published')

export const trackMediaUseAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (touchesPublished(req, doc, previousDoc)) await refreshMediaUse(req)
  return doc
}

export const trackMediaUseAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  if (touchesPublished(req, doc)) await refreshMediaUse(req)
  return doc
}

export const trackMediaUseAfterGlobalChange: GlobalAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (touchesPublished(req, doc, previousDoc)) await refreshMediaUse(req)
  return doc
}
