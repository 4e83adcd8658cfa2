import type { Endpoint, PayloadRequest } from 'payload'

import { presentsBearer } from '../auth/bearer'
import { siteUrl } from '../config/env'
import { previewOnPath, previewPath, showsOnAnotherPage, type PreviewTarget, type ShownOnAnotherPage } from '../contract'
import { siteToken } from '../newsletter/settings'
import { ALSO_SHOWN_ON_LINK } from './admin/components'

export const previewUrl = (target: PreviewTarget, id: number | string) => `${siteUrl()}${previewPath(target, id, siteToken())}`

/** The preview of a document in the other page it shows on (a value's summary, the newest report's card: the home page). */
export const previewOnUrl = (target: ShownOnAnotherPage, id: number | string) => `${siteUrl()}${previewOnPath(target, id, siteToken())}`

type PreviewCollection = Exclude<PreviewTarget, 'home'>

const breakpoints = [
  { name: 'phone', label: 'Phone', width: 375, height: 740 },
  { name: 'desktop', label: 'Desktop', width: 1280, height: 800 },
]

/**
 * The admin's Preview button and live-preview panel for a document: both open the site's
 * on-demand `/preview/...` page, which shows the latest draft with the published page's
 * components and reloads in the panel whenever the draft is saved (autosave included).
 */
function previewAdmin(target: PreviewTarget, idOf: (doc: Record<string, unknown> | undefined) => unknown) {
  const url = (doc: Record<string, unknown> | undefined) => {
    const id = idOf(doc)
    return typeof id === 'number' || typeof id === 'string' ? previewUrl(target, id) : null
  }
  return {
    preview: (doc: Record<string, unknown>) => url(doc),
    livePreview: { url: ({ data }: { data: Record<string, unknown> }) => url(data), breakpoints },
  }
}

const readDraft = (target: PreviewTarget, read: (req: PayloadRequest) => Promise<unknown>): Endpoint => ({
  path: target === 'home' ? '/preview-data' : '/:id/preview-data',
  method: 'get',
  handler: async (req) => {
    if (!presentsBearer(req.headers, siteToken())) {
      return Response.json({ error: 'Only the site server may read drafts.' }, { status: 401 })
    }
    const doc = await read(req).catch(() => null)
    return doc ? Response.json(doc, { headers: { 'Cache-Control': 'no-store' } }) : Response.json({ error: 'Not found' }, { status: 404 })
  },
})

/**
 * Preview for a collection: the admin's button and panel (and a link to the other page it shows on,
 * if any), and GET /api/<collection>/:id/preview-data,
 * the latest draft for the site server only (it presents the shared token).
 */
export function collectionPreview(collection: PreviewCollection) {
  return {
    admin: {
      ...previewAdmin(collection, (doc) => doc?.id),
      // Beside the Preview button: the other page part of it shows on (publishing/admin/AlsoShownOn.tsx).
      ...(showsOnAnotherPage(collection) && {
        components: { edit: { beforeDocumentControls: [{ path: ALSO_SHOWN_ON_LINK, serverProps: { target: collection } }] } },
      }),
    },
    endpoint: readDraft(collection, (req) =>
      req.payload.findByID({ collection, id: Number(req.routeParams?.id), draft: true, depth: 1, overrideAccess: true }),
    ),
  }
}

/** Preview for the home page: as for collections, with GET /api/globals/home/preview-data. */
export const homePreview = {
  admin: previewAdmin('home', () => 'home'),
  endpoint: readDraft('home', (req) => req.payload.findGlobal({ slug: 'home', draft: true, depth: 1, overrideAccess: true })),
}
