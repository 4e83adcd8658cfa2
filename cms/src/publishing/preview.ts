import { createHmac } from 'node:crypto'
import type { CollectionConfig, Endpoint } from 'payload'

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

export const previewUrl = (collection: string, id: number | string) =>
  `${siteUrl()}/preview/${collection}/${id}?token=${previewToken(collection, id, siteToken())}`

/** The admin's Preview button for a collection: the site's on-demand preview page. */
export const previewFor = (collection: string): NonNullable<CollectionConfig['admin']>['preview'] => (doc) =>
  doc?.id ? previewUrl(collection, doc.id as number) : null

/**
 * GET /api/<collection>/:id/preview-data: the latest draft, for the site server only (it
 * presents the shared token). The site renders it with the components of the published page.
 */
export function previewDataEndpoint(collection: 'annual-reports'): Endpoint {
  return {
    path: '/:id/preview-data',
    method: 'get',
    handler: async (req) => {
      if (req.headers.get('authorization') !== `Bearer ${siteToken()}`) {
        return Response.json({ error: 'Only the site server may read drafts.' }, { status: 401 })
      }
      const doc = await req.payload
        .findByID({ collection, id: Number(req.routeParams?.id), draft: true, depth: 1, overrideAccess: true })
        .catch(() => null)
      return doc ? Response.json(doc, { headers: { 'Cache-Control': 'no-store' } }) : Response.json({ error: 'Not found' }, { status: 404 })
    },
  }
}
