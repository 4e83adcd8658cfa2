import path from 'node:path'

import { DEFAULT_CMS_URL, DEFAULT_SITE_URL, LOCAL_SITE_TOKEN } from 'cms/contract'

import { createCmsClient } from './client'

/**
 * How the site reaches the CMS (at build time for content; at request time for the newsletter and
 * previews): its address, CMS_URL, and the secret the two share (NEWSLETTER_SITE_TOKEN; the same
 * local default as the CMS's).
 */
export const cmsUrl = () => (process.env.CMS_URL || DEFAULT_CMS_URL).replace(/\/+$/, '')

/** The public site's own address (SITE_URL): canonical links, the sitemap, the framing rule. */
export const siteUrl = () => process.env.SITE_URL || DEFAULT_SITE_URL

/** The shared secret; production refuses to run with the local default, as the CMS does. */
export function siteServerToken(): string {
  const token = process.env.NEWSLETTER_SITE_TOKEN
  if (process.env.NODE_ENV === 'production' && (!token || token === LOCAL_SITE_TOKEN || token.length < 32)) {
    throw new Error('NEWSLETTER_SITE_TOKEN must be set to the CMS’s value (32+ random characters) in production. Refusing to start.')
  }
  return token || LOCAL_SITE_TOKEN
}

/**
 * The site server's client for the CMS, with the shared secret: a visitor waits on these calls,
 * so each gets 15 s, and reads are retried once after half a second.
 */
export const siteServerCms = () => createCmsClient({ cmsUrl: cmsUrl(), token: siteServerToken(), timeoutMs: 15_000, retryDelaysMs: [500] })

/** The admin's public origin (CMS_PUBLIC_URL, else CMS_URL): the only page allowed to frame the site. */
export const cmsPublicOrigin = () => new URL(process.env.CMS_PUBLIC_URL || cmsUrl()).origin

/** Where the site server keeps what it must not lose (the sign-up journal): SITE_DATA_DIR, default ./.data. */
export const siteDataDir = () => path.resolve(process.env.SITE_DATA_DIR || '.data')

/** The sign-up journal (src/newsletter/journal.ts). */
export const journalFile = () => path.join(siteDataDir(), 'signups.sqlite')
