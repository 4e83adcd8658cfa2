import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Preview links: the admin's Preview button opens the site's on-demand /preview/<target>/<id>
 * page with a token the CMS signs and the site server checks, under the secret they share
 * (NEWSLETTER_SITE_TOKEN). Server-side only (node:crypto).
 */

/** What the site can preview: three collections and the home page (whose id is always `home`). */
export const PREVIEW_TARGETS = ['annual-reports', 'values', 'faqs', 'home'] as const
export type PreviewTarget = (typeof PREVIEW_TARGETS)[number]

/** Preview links work for an hour: long enough to review, short enough not to linger in history. */
export const PREVIEW_TTL_MS = 60 * 60 * 1000

const mac = (target: string, id: number | string, expires: number | string, secret: string) =>
  createHmac('sha256', secret).update(`preview:${target}:${id}:${expires}`).digest()

/** A token for one document's preview: its expiry, and an HMAC of target, id and expiry. */
export function signPreviewToken(target: PreviewTarget, id: number | string, secret: string, now = Date.now()): string {
  const expires = now + PREVIEW_TTL_MS
  return `${expires}.${mac(target, id, expires, secret).toString('base64url')}`
}

/** Checks a preview token for a target and id, in constant time. */
export function checkPreviewToken(token: string | null, target: string, id: string, secret: string, now = Date.now()): 'valid' | 'invalid' | 'expired' {
  const match = /^(\d{13})\.([\w-]{43})$/.exec(token ?? '')
  if (!match) return 'invalid'
  const expected = mac(target, id, match[1]!, secret)
  const given = Buffer.from(match[2]!, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid'
  return Number(match[1]) < now ? 'expired' : 'valid'
}

/** The site's preview page for a document, with a fresh token. */
export const previewPath = (target: PreviewTarget, id: number | string, secret: string, now = Date.now()) =>
  `/preview/${target}/${encodeURIComponent(String(id))}?token=${signPreviewToken(target, id, secret, now)}`

/**
 * Pages besides its own that show part of a document, where its preview can be seen too: a
 * value's summary and the newest report's card are on the home page.
 */
export const ALSO_SHOWN_ON = { values: 'home', 'annual-reports': 'home' } as const satisfies Partial<Record<PreviewTarget, 'home'>>
export type ShownOnAnotherPage = keyof typeof ALSO_SHOWN_ON

/** Whether part of a document of this kind shows on another page too (ALSO_SHOWN_ON). */
export const showsOnAnotherPage = (target: string): target is ShownOnAnotherPage => Object.hasOwn(ALSO_SHOWN_ON, target)

/** The preview page of a document shown in another page it appears on (ALSO_SHOWN_ON), with a fresh token. */
export const previewOnPath = (target: ShownOnAnotherPage, id: number | string, secret: string, now = Date.now()) =>
  `${previewPath(target, id, secret, now)}&on=${ALSO_SHOWN_ON[target]}`
