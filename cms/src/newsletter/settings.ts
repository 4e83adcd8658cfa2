import { LOCAL_SITE_TOKEN } from '../contract'

/** How the sign-up flow behaves; each can be set through the environment. */
export const newsletterSettings = () => ({
  /** How long a confirmation link works. */
  confirmTtlHours: Number(process.env.NEWSLETTER_CONFIRM_TTL_HOURS || 48),
  /** A pending address gets at most one confirmation email in this many minutes. */
  resendAfterMinutes: Number(process.env.NEWSLETTER_RESEND_AFTER_MINUTES || 10),
  /** And at most this many in a day, however often it is signed up: nobody can flood an inbox. */
  maxEmailsPerDay: Number(process.env.NEWSLETTER_MAX_EMAILS_PER_DAY || 5),
})

/**
 * The shared secret the site server presents to the CMS's newsletter endpoints. Production
 * refuses to run with the local default.
 */
export function siteToken(): string {
  const token = process.env.NEWSLETTER_SITE_TOKEN
  if (process.env.NODE_ENV === 'production' && process.env.NEXT_PHASE !== 'phase-production-build') {
    if (!token || token === LOCAL_SITE_TOKEN || token.length < 32) {
      throw new Error('NEWSLETTER_SITE_TOKEN must be set to a random value of at least 32 characters in production.')
    }
  }
  return token || LOCAL_SITE_TOKEN
}
