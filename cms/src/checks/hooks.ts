import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  GlobalAfterChangeHook,
  GlobalBeforeChangeHook,
  GlobalBeforeOperationHook,
  PayloadRequest,
} from 'payload'
import { ValidationError } from 'payload'

import type { ReviewTarget } from '../collections/ReviewRequests/reviewTargets'
import { checkDocument } from './checkDocument'
import { checksKey, recordChecks } from './record'

type Status = { _status?: 'draft' | 'published' | null }

/**
 * Whether a write publishes, by the status it leaves: Payload has set `_status` to 'draft' for a
 * draft save before these hooks run, so a request's draft flag (`?draft=true` with `_status:
 * 'published'` publishes) cannot take a publish around the checks.
 */
const publishing = (data: Status) => data._status === 'published'

/**
 * The checks in full before anything is published (a Publish press, a scheduled publication, an
 * API call): errors refuse the publish, each on its field with its place and what to do;
 * warnings let it through (they are shown in the edit view).
 */
async function refuseErrors(req: PayloadRequest, target: ReviewTarget, data: Record<string, unknown>, scope: { collection?: string; global?: string }) {
  const { findings } = await checkDocument(req.payload, target, data)
  const errors = findings.filter((finding) => finding.severity === 'error')
  if (errors.length === 0) return
  throw new ValidationError({ ...scope, errors: errors.map((error) => ({ path: error.path, message: `${error.place}: ${error.message}` })), req })
}

export const refuseToPublishWithErrors: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data }
  if (publishing(merged)) await refuseErrors(req, collection.slug as ReviewTarget, merged, { collection: collection.slug })
  return data
}

export const refuseToPublishGlobalWithErrors: GlobalBeforeChangeHook = async ({ data, global, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data }
  if (publishing(merged)) await refuseErrors(req, global.slug as ReviewTarget, merged, { global: global.slug })
  return data
}

/**
 * Restoring an earlier version of a global as it was published publishes it again: checked as a
 * Publish press is (Payload runs no beforeChange hooks when it restores a global's version). An
 * old version may link to what has gone since.
 */
export const refuseToRestoreGlobalWithErrors: GlobalBeforeOperationHook = async ({ args, global, operation, overrideAccess, req }) => {
  if (operation !== 'restoreVersion' || args?.draft) return args
  // This hook runs before Payload's own access checks: the version is read with the caller's access,
  // so one who may not read it is refused here and learns nothing of it.
  const restored = await req.payload.findGlobalVersionByID({ slug: global.slug, id: args.id, depth: 0, overrideAccess: overrideAccess ?? false, req })
  const data: Record<string, unknown> = { ...restored.version }
  if (data._status === 'published') await refuseErrors(req, global.slug as ReviewTarget, data, { global: global.slug })
  return args
}

/**
 * On every save, drafts and autosaves included: the findings kept for the edit view, the desk and
 * the site report. Keeping them must never cost the save itself: they are written on a connection of their
 * own (a failed statement cannot abort the save's transaction), and a failure is logged; the next
 * save tries again.
 */
async function recordWithoutFailingTheSave(req: PayloadRequest, target: ReviewTarget, id: number | null, doc: Record<string, unknown>) {
  try {
    await recordChecks(req.payload, target, id, doc)
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `The checks before publishing could not be kept for ${target} ${id ?? ''}` })
  }
}

export const recordChecksAfterChange: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  await recordWithoutFailingTheSave(req, collection.slug as ReviewTarget, doc.id, doc)
  return doc
}

export const recordGlobalChecksAfterChange: GlobalAfterChangeHook = async ({ doc, global, req }) => {
  await recordWithoutFailingTheSave(req, global.slug as ReviewTarget, null, doc)
  return doc
}

/** A deleted document's findings go with it. */
export const forgetChecksAfterDelete: CollectionAfterDeleteHook = async ({ collection, id, req }) => {
  await req.payload.delete({ collection: 'content-checks', where: { key: { equals: checksKey(collection.slug as ReviewTarget, id) } }, depth: 0, req })
}
