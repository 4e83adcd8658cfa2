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

/** A kind of document as editors know it ("FAQ entry"), or a global's name ("Home page"). */
export function targetLabel(payload: Payload, target: ReviewTarget): string {
  const label = isReviewableGlobal(target)
    ? payload.globals.config.find((global) => global.slug === target)?.label
    : payload.collections[target].config.labels.singular
  return typeof label === 'string' ? label : target
}

/** A document's title as the admin shows it ("Untitled (#12)" until it has one); a global's name. */
export function documentTitle(payload: Payload, target: ReviewTarget, id: number | string | null | undefined, data: Record<string, unknown>): string {
  if (isReviewableGlobal(target)) return targetLabel(payload, target)
  const title = data[titleFieldOf(payload, target)]
  return typeof title === 'string' && title.trim() ? title : `Untitled (#${id})`
}
