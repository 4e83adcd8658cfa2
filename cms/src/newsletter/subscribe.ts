import type { Payload } from 'payload'

import { emailKey, SIGNUP_LIMITS, type ConfirmOutcome, type UnsubscribeOutcome } from '../contract'
import { query } from '../db/sql'
import { inTransaction } from '../db/transactions'
import { emailAllowed, emailLimits, OUTBOX_CHANNEL } from './recordSignups'
import { newsletterSettings } from './settings'
import { hashToken, verifyUnsubscribeToken } from './tokens'

const isConfirmToken = (token: string) => /^[\w-]{43}$/.test(token)

/**
 * Confirms the sign-up a link was sent for: the subscriber becomes confirmed with that sign-up's
 * consent and details (names and postal code it gave replace the old ones). Links are single use
 * and expire; confirming retires every other link sent to the address.
 */
export async function confirmSubscription(payload: Payload, token: string): Promise<ConfirmOutcome> {
  if (!isConfirmToken(token)) return 'invalid'
  return inTransaction(payload, async (client) => {
    const { rows } = await client.query<{ id: string; subscriber_id: number; expired: boolean }>(
      `SELECT id, subscriber_id, confirm_token_expires_at < now() AS expired FROM newsletter_signups
       WHERE confirm_token_hash = $1 FOR UPDATE`,
      [hashToken(token)],
    )
    const signup = rows[0]
    if (!signup) return 'invalid'
    if (signup.expired) return 'expired'
    await client.query(
      `UPDATE subscribers s SET status = 'confirmed', confirmed_at = now(), updated_at = now(),
         unsubscribed_at = NULL, unsubscribed_via = NULL, unsubscribed_by_id = NULL,
         first_name = COALESCE(g.first_name, s.first_name), last_name = COALESCE(g.last_name, s.last_name),
         postal_code = COALESCE(g.postal_code, s.postal_code), consent_text = g.consent_text,
         consent_version = g.consent_version, consented_at = g.received_at, source_page = g.source_page
       FROM newsletter_signups g WHERE g.id = $1 AND s.id = g.subscriber_id`,
      [signup.id],
    )
    await client.query(`UPDATE newsletter_signups SET confirmed_at = now() WHERE id = $1`, [signup.id])
    await client.query(`UPDATE newsletter_signups SET confirm_token_hash = NULL, confirm_token_expires_at = NULL WHERE subscriber_id = $1`, [
      signup.subscriber_id,
    ])
    return 'confirmed'
  })
}

/**
 * A new link for the sign-up an (expired) link was sent for, within the same limits as sign-ups;
 * silent otherwise, so the answer says nothing about the token.
 */
export async function resendConfirmation(payload: Payload, token: string): Promise<void> {
  if (!isConfirmToken(token)) return
  await query(
    payload,
    `WITH signup AS (
       SELECT id, subscriber_id FROM newsletter_signups WHERE confirm_token_hash = $1
     ),
     claimed AS (
       UPDATE subscribers s SET confirmation_requested_at = now()
       FROM signup g
       WHERE s.id = g.subscriber_id AND ${emailAllowed(2)}
       RETURNING g.id, g.subscriber_id
     ),
     queued AS (INSERT INTO newsletter_outbox (signup_id, subscriber_id) SELECT id, subscriber_id FROM claimed RETURNING id)
     SELECT CASE WHEN count(*) > 0 THEN pg_notify('${OUTBOX_CHANNEL}', '') END FROM queued`,
    [hashToken(token), ...emailLimits()],
  )
}

/** Unsubscribes at once; the token is the one in every email. Pending links die with it. */
export async function unsubscribe(payload: Payload, token: string): Promise<UnsubscribeOutcome> {
  const id = verifyUnsubscribeToken(token, payload.secret)
  if (id === null) return 'invalid'
  const rows = await query<{ id: number }>(
    payload,
    `WITH s AS (
       UPDATE subscribers SET status = 'unsubscribed', updated_at = now(),
         unsubscribed_at = CASE WHEN status = 'unsubscribed' THEN unsubscribed_at ELSE now() END,
         unsubscribed_via = CASE WHEN status = 'unsubscribed' THEN unsubscribed_via ELSE 'link' END,
         unsubscribed_by_id = CASE WHEN status = 'unsubscribed' THEN unsubscribed_by_id END
       WHERE id = $1 RETURNING id
     ),
     links AS (
       UPDATE newsletter_signups SET confirm_token_hash = NULL, confirm_token_expires_at = NULL WHERE subscriber_id IN (SELECT id FROM s)
     )
     SELECT id FROM s`,
    [id],
  )
  return rows.length > 0 ? 'unsubscribed' : 'invalid'
}

/**
 * Someone without our emails asks for a way out: if the address is on the list (and not already
 * out), an email with its unsubscribe link is queued, within the day's allowance of emails to the
 * address. Silent either way, so the answer says nothing about who is on the list.
 */
export async function requestUnsubscribeLink(payload: Payload, email: unknown): Promise<void> {
  if (typeof email !== 'string' || email.length > SIGNUP_LIMITS.email) return
  await query(
    payload,
    `WITH s AS (
       SELECT id FROM subscribers s
       WHERE s.email_key = $1 AND s.status <> 'unsubscribed'
         AND (SELECT count(*) FROM newsletter_outbox o WHERE o.subscriber_id = s.id AND o.created_at > now() - interval '1 day') < $2::int
     ),
     queued AS (INSERT INTO newsletter_outbox (kind, subscriber_id) SELECT 'unsubscribe-link', id FROM s RETURNING id)
     SELECT CASE WHEN count(*) > 0 THEN pg_notify('${OUTBOX_CHANNEL}', '') END FROM queued`,
    [emailKey(email), newsletterSettings().maxEmailsPerDay],
  )
}
