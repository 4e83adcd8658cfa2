/**
 * How the site server reaches the CMS at request time (newsletter, previews): its address and
 * the secret the two share (NEWSLETTER_SITE_TOKEN; the same local default as the CMS's).
 */
export const cmsUrl = () => (process.env.CMS_URL || 'http://localhost:3000').replace(/\/+$/, '')

export const siteServerToken = () => process.env.NEWSLETTER_SITE_TOKEN || 'local-development-site-token'

/** The admin's public origin (CMS_PUBLIC_URL, else CMS_URL): the only page allowed to frame the site. */
export const cmsPublicOrigin = () => new URL(process.env.CMS_PUBLIC_URL || cmsUrl()).origin
