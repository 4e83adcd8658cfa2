import type { CollectionSlug, GlobalSlug, Payload } from 'payload'

/** What a writer can ask an editor to review: each editorial collection's documents and each editorial global. */
export const REVIEWABLE_COLLECTIONS = ['values', 'faq-categories', 'faqs', 'annual-reports'] as const satisfies CollectionSlug[]
export const REVIEWABLE_GLOBALS = ['home', 'site-settings'] as const satisfies GlobalSlug[]

export type ReviewableCollection = (typeof REVIEWABLE_COLLECTIONS)[number]
export type ReviewableGlobal = (typeof REVIEWABLE_GLOBALS)[number]
export type ReviewTarget = ReviewableCollection | ReviewableGlobal

export const isReviewableGlobal = (target: string): target is ReviewableGlobal => (REVIEWABLE_GLOBALS as readonly string[]).includes(target)

/** The admin's edit view of a document or global. */
export const editPath = (target: ReviewTarget, id?: number | null): string =>
  isReviewableGlobal(target) ? `/admin/globals/${target}` : `/admin/collections/${target}/${id}`

/** The field a collection's documents are known by in the admin (its useAsTitle). */
export const titleFieldOf = (payload: Payload, target: ReviewableCollection): string => payload.collections[target].config.admin.useAsTitle ?? 'id'
