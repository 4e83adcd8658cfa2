import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'

import type { ReviewRequest } from '../../payload-types'
import { documentTitle, isReviewableGlobal, type ReviewTarget, targetLabel } from './reviewTargets'

/** The draft a request is about, read as the person asking may read it: its title and whether it has unpublished changes. */
async function readDraft(req: PayloadRequest, target: ReviewTarget, id: number | null | undefined) {
  if (isReviewableGlobal(target)) {
    const global = await req.payload.findGlobal({ slug: target, draft: true, depth: 0, req, overrideAccess: false })
    return { title: targetLabel(req.payload, target), status: global._status }
  }
  if (typeof id !== 'number') return null
  const doc = await req.payload.findByID({ collection: target, id, draft: true, depth: 0, req, overrideAccess: false, disableErrors: true }).catch(() => null)
  if (!doc) return null
  return { title: documentTitle(req.payload, target, id, doc as unknown as Record<string, unknown>), status: doc._status }
}

const refuse = (message: string, path = 'documentId'): never => {
  throw new ValidationError({ errors: [{ message, path }] })
}

/**
 * A writer asks for review of a draft: the request names who asked, and the draft's title as it
 * is now; it is refused when there is nothing to review (no such draft, or nothing unpublished)
 * or the same person asked already and no editor has acted on it.
 */
export const askForReview: CollectionBeforeChangeHook<ReviewRequest> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  if (!req.user) return refuse('Sign in to ask for review.')
  const target = data.target as ReviewTarget
  const id = isReviewableGlobal(target) ? null : data.documentId
  const draft = await readDraft(req, target, id)
  if (!draft) return refuse('There is no such draft to review: it may have been deleted.')
  if (draft.status !== 'draft') return refuse('Nothing to review: this has no unpublished changes. Edit it first, then ask.')
  const asked = await req.payload.find({
    collection: 'review-requests',
    where: {
      target: { equals: target },
      documentId: id === null ? { exists: false } : { equals: id },
      state: { equals: 'open' },
      requestedBy: { equals: req.user.id },
    },
    limit: 1,
    depth: 0,
    req,
  })
  if (asked.docs.length > 0) return refuse('You asked for review of this already; the editors see it on their dashboard.')
  // Only what the person may say: the rest is the system's.
  return { target, documentId: id, message: data.message, title: draft.title, requestedBy: req.user.id, state: 'open' }
}
