import { createHmac } from 'node:crypto'
import type { Endpoint, PayloadRequest } from 'payload'

import { presentsBearer } from '../auth/bearer'
import { siteUrl } from '../config/env'
import { siteToken } from '../newsletter/settings'

/** Preview links work for an hour: long enough to review, short enough not to linger in history. */
export const PREVIEW_TTL_MS = 60 * 60 * 1000

/**
 * A short-lived secret for one document's preview: expiry and an HMAC under the secret the CMS
 * shares with the site server (which checks it the same way, web/src/cms/preview.ts).
 */
export function previewToken(collection: string, id: number | string, secret: string, now = Date.now()): string {
  const expires = now + PREVIEW_TTL_MS
  const mac = createHmac('sha256', secret).update(`preview:${collection}:${id}:${expires}`).digest('base64url')
  return `${expires}.${mac}`
}

export const previewUrl = (target: PreviewTarget, id: number | string) =>
  `${siteUrl()}/preview/${target}/${id}?token=${previewToken(target, id, siteToken())}`

type PreviewCollection = 'annual-reports' | 'values' | 'faqs'
/** What the site can preview: three collections and the home page (whose id is always `home`). */
export type PreviewTarget = PreviewCollection | 'home'

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
 * Preview for a collection: the admin's button and panel, and GET /api/<collection>/:id/preview-data,
 * the latest draft for the site server only (it presents the shared token).
 */
export function collectionPreview(collection: PreviewCollection) {
  return {
    admin: previewAdmin(collection, (doc) => doc?.id),
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
