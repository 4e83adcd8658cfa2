/**
 * The site server's calls to the CMS's newsletter endpoints on behalf of a visitor (confirming,
 * resending, unsubscribing: cms/contract), authenticated with the shared NEWSLETTER_SITE_TOKEN.
 * Sign-ups take another way (journal.ts, forwarder.ts). Runs at request time on the server only.
 */
import { NEWSLETTER_API, outcomeOfStatus } from 'cms/contract'

import { cmsUrl, siteServerToken } from '../cms/siteServer'

/** The CMS's answer, or `unreachable` when it could not be asked (down, or too slow). */
export type NewsletterAnswer = { status: number; body: Record<string, unknown> } | { status: 'unreachable' }

export async function callNewsletter(action: Exclude<keyof typeof NEWSLETTER_API, 'signups'>, payload: { token: string }): Promise<NewsletterAnswer> {
  try {
    const response = await fetch(`${cmsUrl()}${NEWSLETTER_API[action]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${siteServerToken()}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(15_000),
    })
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
    return response.status >= 500 ? { status: 'unreachable' } : { status: response.status, body }
  } catch {
    return { status: 'unreachable' }
  }
}

/**
 * A visitor's confirm or unsubscribe link acted on: the outcome by the contract's statuses, or
 * `unavailable` (503, try again in two minutes) when the CMS could not be asked or failed.
 */
export async function actOnLink<T extends string>(
  action: 'confirm' | 'unsubscribe',
  token: string,
  statuses: Record<T, number>,
): Promise<{ outcome: T | 'unavailable'; status: number; retryAfter?: string }> {
  const answer = await callNewsletter(action, { token })
  const outcome = answer.status === 'unreachable' ? undefined : outcomeOfStatus(statuses, answer.status)
  return outcome ? { outcome, status: statuses[outcome] } : { outcome: 'unavailable', status: 503, retryAfter: '120' }
}
