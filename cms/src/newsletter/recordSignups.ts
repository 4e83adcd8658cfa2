import type { Payload } from 'payload'

import { checkSignup, emailKey, type JournaledSignup, type SignupBatchAnswer } from '../contract'
import { erasedAddressHash } from '../collections/Subscribers/erase'
import { inTransaction } from '../db/transactions'
import { newsletterSettings } from './settings'

export const OUTBOX_CHANNEL = 'newsletter_outbox'

/**
 * The SQL condition under which subscriber `s` may be sent a confirmation email now: not
 * confirmed yet; no email asked for within the resend window, unless they unsubscribed since;
 * and fewer than the day's allowance of emails, however often the address is signed up. Its two
 * parameters (`emailLimits()`) are numbered from `first`.
 */
export const emailAllowed = (first: number) => `s.status <> 'confirmed'
  AND (s.confirmation_requested_at IS NULL OR s.confirmation_requested_at < now() - make_interval(mins => $${first}::int)
    OR (s.status = 'unsubscribed' AND s.confirmation_requested_at < s.unsubscribed_at))
  AND (SELECT count(*) FROM newsletter_outbox o WHERE o.subscriber_id = s.id AND o.created_at > now() - interval '1 day') < $${first + 1}::int`

export const emailLimits = () => {
  const { resendAfterMinutes, maxEmailsPerDay } = newsletterSettings()
  return [resendAfterMinutes, maxEmailsPerDay] as const
}

/**
 * Records a batch of sign-ups that the site server accepted, in two statements whatever the batch
 * size (one transaction), and queues the confirmation emails due:
 * - a sign-up already recorded (the same id delivered again) changes nothing;
 * - a sign-up made before its address was erased (held up in a site server's journal) is dropped;
 * - a new address becomes a pending subscriber with the consent shown and the sign-up's details;
 * - an address already on the list keeps its details and status (a stranger signing it up changes
 *   nothing of the person's); its sign-up is kept, and confirming that sign-up's link applies it;
 * - a confirmation email is queued per address not yet confirmed, for its newest sign-up, within
 *   the limits of EMAIL_ALLOWED (so an address cannot be flooded), never for a confirmed one.
 * Every sign-up is checked again by the same rules as at the edge; one that fails is rejected.
 */
export async function recordSignups(payload: Payload, signups: JournaledSignup[]): Promise<SignupBatchAnswer> {
  const answer: SignupBatchAnswer = { recorded: [], rejected: [] }
  const rows: Record<string, string | null>[] = []
  for (const signup of signups) {
    const check = checkSignup(signup)
    const receivedAt = new Date(signup.receivedAt)
    if (check.kind !== 'valid' || Number.isNaN(receivedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(signup.id)) {
      answer.rejected.push({ id: String(signup.id), errors: check.kind === 'invalid' ? check.errors : { form: 'Not a sign-up.' } })
      continue
    }
    const { email, firstName, lastName, postalCode, sourcePage } = check.signup
    rows.push({
      id: signup.id,
      email,
      email_key: emailKey(email),
      first_name: firstName ?? null,
      last_name: lastName ?? null,
      postal_code: postalCode ?? null,
      source_page: sourcePage ?? null,
      received_at: receivedAt.toISOString(),
      address_hash: erasedAddressHash(emailKey(email), payload.secret),
    })
    answer.recorded.push(signup.id)
  }
  if (rows.length === 0) return answer

  await inTransaction(payload, async (client) => {
    // Who signed up: new addresses become pending subscribers; every sign-up is kept. Rows of
    // addresses already on the list are locked (the no-op update) until the transaction ends,
    // so concurrent batches decide about an address's email one after the other.
    const { rows: signedUp } = await client.query<{ subscriber_id: number; signup_id: string }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
           id uuid, email text, email_key text, first_name text, last_name text, postal_code text, source_page text, received_at timestamptz,
           address_hash text)
       ),
       consent AS (
         SELECT newsletter_consent_text AS text, newsletter_consent_version AS version FROM site_settings ORDER BY id LIMIT 1
       ),
       fresh AS (
         SELECT * FROM input i WHERE NOT EXISTS (SELECT 1 FROM newsletter_signups s WHERE s.id = i.id)
           -- Made before the person was erased, and held up at a site server: dropped (acknowledged all the same).
           AND NOT EXISTS (SELECT 1 FROM subscriber_erasures e WHERE e.address_hash = i.address_hash AND e.created_at > i.received_at)
       ),
       first_per_address AS (
         SELECT DISTINCT ON (email_key) * FROM fresh ORDER BY email_key, received_at
       ),
       subscriber AS (
         INSERT INTO subscribers AS s (email, email_key, first_name, last_name, postal_code, status, consent_text,
           consent_version, consented_at, source_page, created_at, updated_at)
         SELECT a.email, a.email_key, a.first_name, a.last_name, a.postal_code, 'pending', c.text,
           c.version, a.received_at, a.source_page, now(), now()
         FROM first_per_address a LEFT JOIN consent c ON true
         ON CONFLICT (email_key) DO UPDATE SET email_key = s.email_key
         RETURNING s.id, s.email_key
       ),
       signup AS (
         INSERT INTO newsletter_signups (id, subscriber_id, first_name, last_name, postal_code, source_page,
           consent_text, consent_version, received_at)
         SELECT f.id, s.id, f.first_name, f.last_name, f.postal_code, f.source_page, c.text, c.version, f.received_at
         FROM fresh f JOIN subscriber s USING (email_key) LEFT JOIN consent c ON true
         ON CONFLICT (id) DO NOTHING
         RETURNING id, subscriber_id, received_at
       )
       SELECT DISTINCT ON (subscriber_id) subscriber_id, id AS signup_id FROM signup ORDER BY subscriber_id, received_at DESC`,
      [JSON.stringify(rows)],
    )
    if (signedUp.length === 0) return
    // Which of them get an email now: the newest sign-up's, within the limits.
    await client.query(
      `WITH due AS (
         SELECT * FROM unnest($1::int[], $2::uuid[]) AS d(subscriber_id, signup_id)
       ),
       claimed AS (
         UPDATE subscribers s SET confirmation_requested_at = now()
         FROM due WHERE s.id = due.subscriber_id AND ${emailAllowed(3)}
         RETURNING s.id
       ),
       queued AS (
         INSERT INTO newsletter_outbox (signup_id, subscriber_id)
         SELECT due.signup_id, due.subscriber_id FROM due JOIN claimed ON claimed.id = due.subscriber_id
         RETURNING id
       )
       SELECT CASE WHEN count(*) > 0 THEN pg_notify('${OUTBOX_CHANNEL}', '') END FROM queued`,
      [signedUp.map((row) => row.subscriber_id), signedUp.map((row) => row.signup_id), ...emailLimits()],
    )
  })
  return answer
}
