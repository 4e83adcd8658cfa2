import type { CollectionBeforeOperationHook } from 'payload'

import { mayPublish } from '../../access/roles'
import { Refused } from '../../refused'

export const MEDIA_IN_USE_MESSAGE =
  'Published content uses this file, so only editors and admins can change it. Upload a new file and use it in your draft instead.'

/**
 * canChangeMedia already keeps writers off files that published content uses; this says why,
 * instead of Payload's generic "not allowed". (Payload names an update by id 'update' here.)
 */
export const explainMediaInUse: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'update' || !('id' in args) || args.overrideAccess === true || !req.user || mayPublish(req.user)) return args
  const { id } = args
  if (typeof id !== 'number' && typeof id !== 'string') return args
  const { totalDocs } = await req.payload.count({
    collection: 'media',
    where: { and: [{ id: { equals: id } }, { usedByPublished: { equals: true } }] },
    req,
  })
  if (totalDocs > 0) throw new Refused(MEDIA_IN_USE_MESSAGE)
  return args
}
