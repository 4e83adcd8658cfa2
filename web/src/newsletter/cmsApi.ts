/**
 * The site server's calls to the CMS's newsletter endpoints on behalf of a visitor (confirming,
 * resending, unsubscribing, asking for an unsubscribe link: cms/contract), authenticated with the
 * shared NEWSLETTER_SITE_TOKEN. Sign-ups take another way (journal.ts, forwarder.ts). Runs at request time on the server only.
 */
import { NEWSLETTER_API, outcomeOfStatus } from 'cms/contract'

import { CmsError } from '../cms/client'
import { siteServerCms } from '../cms/siteServer'

/** The CMS's answer, or `unreachable` when it could not be asked (down, or too slow). */
export type NewsletterAnswer = { status: number; body: Record<string, unknown> } | { status: 'unreachable' }

export async function callNewsletter(
  action: Exclude<keyof typeof NEWSLETTER_API, 'signups'>,
  payload: { token: string } | { email: string },
): Promise<NewsletterAnswer> {
  try {
    const answer = await siteServerCms().postJson(NEWSLETTER_API[action], `a ${action} link`, payload)
    return { status: answer.status, body: (answer.body ?? {}) as Record<string, unknown> }
  } catch (error) {
    if (error instanceof CmsError) return { status: 'unreachable' }
    throw error
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
