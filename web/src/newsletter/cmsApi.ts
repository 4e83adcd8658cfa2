/**
 * The site server's calls to the CMS's newsletter endpoints, authenticated with the shared
 * NEWSLETTER_SITE_TOKEN. Runs at request time on the server only.
 */
import { cmsUrl, siteServerToken } from '../cms/siteServer'

export type NewsletterAnswer = { status: number; body: Record<string, unknown>; retryAfter?: string }

export async function callNewsletter(action: 'signup' | 'confirm' | 'resend' | 'unsubscribe', payload: Record<string, unknown>): Promise<NewsletterAnswer> {
  const response = await fetch(`${cmsUrl()}/api/newsletter/${action}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${siteServerToken()}`,
    },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(15_000),
  })
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
  return { status: response.status, body, retryAfter: response.headers.get('retry-after') ?? undefined }
}
