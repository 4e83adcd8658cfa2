import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, GlobalAfterChangeHook, PayloadRequest } from 'payload'

import type { ReviewTarget } from './reviewTargets'

type Published = { _status?: 'draft' | 'published' | null }

/**
 * Publishing a document answers every open request to review it: the writer's dashboard then says
 * who published it and when. In the publishing transaction, so a request is closed exactly when
 * the publish happened.
 */
async function closeRequests(req: PayloadRequest, target: ReviewTarget, id: number | null) {
  await req.payload.update({
    collection: 'review-requests',
    where: { target: { equals: target }, documentId: id === null ? { exists: false } : { equals: id }, state: { equals: 'open' } },
    data: { state: 'published', publishedBy: req.user?.collection === 'users' ? req.user.id : null, publishedAt: new Date().toISOString() },
    depth: 0,
    req,
    overrideAccess: true,
    context: { closingReviewRequests: true },
  })
}

export const closeReviewRequestsOnPublish: CollectionAfterChangeHook = async ({ collection, doc, req }) => {
  if ((doc as Published)._status === 'published' && !req.context.draftSave) await closeRequests(req, collection.slug as ReviewTarget, doc.id)
  return doc
}

export const closeReviewRequestsOnGlobalPublish: GlobalAfterChangeHook = async ({ doc, global, req }) => {
  if ((doc as Published)._status === 'published' && !req.context.draftSave) await closeRequests(req, global.slug as ReviewTarget, null)
  return doc
}

/** A deleted document (or a discarded empty draft) leaves nothing to review: its open requests go with it. */
export const dropReviewRequestsOnDelete: CollectionAfterDeleteHook = async ({ collection, id, req }) => {
  await req.payload.delete({
    collection: 'review-requests',
    where: { target: { equals: collection.slug }, documentId: { equals: id }, state: { equals: 'open' } },
    depth: 0,
    req,
    overrideAccess: true,
  })
}
