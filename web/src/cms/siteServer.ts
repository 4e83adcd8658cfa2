import path from 'node:path'

import { DEFAULT_CMS_URL, DEFAULT_SITE_URL, LOCAL_SITE_TOKEN } from 'cms/contract'

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

/** The admin's public origin (CMS_PUBLIC_URL, else CMS_URL): the only page allowed to frame the site. */
export const cmsPublicOrigin = () => new URL(process.env.CMS_PUBLIC_URL || cmsUrl()).origin

/** Where the site server keeps what it must not lose (the sign-up journal): SITE_DATA_DIR, default ./.data. */
export const siteDataDir = () => path.resolve(process.env.SITE_DATA_DIR || '.data')

/** The sign-up journal (src/newsletter/journal.ts). */
export const journalFile = () => path.join(siteDataDir(), 'signups.sqlite')
