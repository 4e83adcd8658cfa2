import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeOperationHook,
  GlobalAfterChangeHook,
  GlobalBeforeOperationHook,
  PayloadRequest,
  SanitizedCollectionConfig,
} from 'payload'

import { siteUrl } from '../config/env'
import { SITE_ROUTES } from '../contract'
import { requestSiteBuild } from './requestSiteBuild'
import { publishingSettings } from './settings'

type Status = { _status?: 'draft' | 'published' | null } | undefined

/**
 * The public site shows published content only, so it needs to hear about exactly the changes
 * that alter it: publishing, unpublishing, editing or deleting something published, reordering
 * it. Draft saves and autosaves do not alter it. Whether a write is a draft save is known only
 * before the operation, so it is noted in the request context there, as Payload decides it: a
 * draft is saved only when one is asked for and the data does not publish. `?draft=true` with
 * `_status: 'published'` publishes (Payload's update operations, `isSavingDraft`), and must be
 * checked and built like any publish.
 */
const noteDraftSave = ({ args, req }: { args?: { draft?: boolean; data?: Status }; req: PayloadRequest }) => {
  req.context.draftSave = args?.draft === true && args.data?._status !== 'published'
  return args
}
export const noteDraftSaveForCollection = noteDraftSave as CollectionBeforeOperationHook
export const noteDraftSaveForGlobal = noteDraftSave as GlobalBeforeOperationHook

const changesPublishedContent = (req: PayloadRequest, doc: Status, previousDoc: Status) =>
  !req.context.seeding && !req.context.draftSave && (doc?._status === 'published' || previousDoc?._status === 'published')

/**
 * Tells the site that published content changed. With publishing on (SITE_BUILDS_DIR), a site
 * build is requested in the same transaction as the change. In development the Astro dev server
 * reloads its content instead (POST /_refresh, served by web's cmsRefresh integration), never
 * awaited, so an editor's save does not wait on the site.
 */
export async function publishedContentChanged(req: PayloadRequest, what: string, path: string = SITE_ROUTES.home): Promise<void> {
  if (publishingSettings().enabled) {
    await requestSiteBuild(req, {
      reason: what,
      changedPath: `${siteUrl()}${path}`,
      userId: typeof req.user?.id === 'number' ? req.user.id : undefined,
    })
    return
  }
  if (process.env.NODE_ENV === 'production') return
  const url = `${siteUrl()}${SITE_ROUTES.devRefresh}`
  fetch(url, { method: 'POST', signal: AbortSignal.timeout(10_000) })
    .then((response) => {
      if (!response.ok) req.payload.logger.warn(`Site refresh after ${what} answered ${response.status} (${url})`)
    })
    .catch(() => req.payload.logger.debug(`No dev site at ${url} to refresh after ${what}`))
}

/** Where a document shows on the site: its page, or its #anchor on a list page. */
function pathOf(collection: string, doc: { slug?: string | null } | undefined, deleted = false): string {
  const slug = deleted ? undefined : (doc?.slug ?? undefined)
  switch (collection) {
    case 'annual-reports':
      return slug ? SITE_ROUTES.report(slug) : SITE_ROUTES.reports
    case 'faqs':
      return slug ? SITE_ROUTES.faqEntry(slug) : SITE_ROUTES.faq
    case 'faq-categories':
      return SITE_ROUTES.faq
    case 'values':
      return slug ? SITE_ROUTES.valueEntry(slug) : SITE_ROUTES.values
    default:
      return SITE_ROUTES.home
  }
}

const whatHappened = (doc: Status, previousDoc: Status) =>
  doc?._status === 'published' ? (previousDoc?._status === 'published' ? 'edited' : 'published') : 'unpublished'

/** How editors know a document in the site builds list: its kind and its title, e.g. Core value “Joy”. */
function describe(collection: SanitizedCollectionConfig, doc: Record<string, unknown>): string {
  const label = typeof collection.labels.singular === 'string' ? collection.labels.singular : collection.slug
  const title = doc[collection.admin.useAsTitle ?? 'id']
  return typeof title === 'string' && title ? `${label} “${title}”` : `${label} ${String(doc.id)}`
}

export const afterCollectionChange: CollectionAfterChangeHook = async ({ collection, doc, previousDoc, req }) => {
  if (changesPublishedContent(req, doc, previousDoc)) {
    await publishedContentChanged(req, `${describe(collection, doc)} ${whatHappened(doc, previousDoc)}`, pathOf(collection.slug, doc))
  }
  return doc
}

export const afterCollectionDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  if (!req.context.seeding && doc?._status === 'published') {
    await publishedContentChanged(req, `${describe(collection, doc)} deleted`, pathOf(collection.slug, doc, true))
  }
  return doc
}

export const afterGlobalChange: GlobalAfterChangeHook = async ({ global, doc, previousDoc, req }) => {
  if (changesPublishedContent(req, doc, previousDoc)) {
    const label = typeof global.label === 'string' ? global.label : global.slug
    await publishedContentChanged(req, `${label} ${whatHappened(doc, previousDoc)}`)
  }
  return doc
}

/**
 * Media have no drafts: a changed or deleted file (its alternative text, say) shows on the site
 * with the next build, so one is asked for. A new upload is used by nothing published yet.
 */
export const afterMediaChange: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  // Only a file that published content shows is on the site (collections/Media/publishedUse.ts).
  if (operation === 'update' && doc.usedByPublished && !req.context.seeding)
    await publishedContentChanged(req, `Media file “${String(doc.alt ?? doc.filename)}” edited`)
  return doc
}

export const afterMediaDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  if (doc.usedByPublished && !req.context.seeding) await publishedContentChanged(req, `Media file “${String(doc.alt ?? doc.filename)}” deleted`)
  return doc
}
