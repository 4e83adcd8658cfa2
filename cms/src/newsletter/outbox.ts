import type { Payload } from 'payload'

import { drainWhenWoken } from '../db/drainWhenWoken'
import { query } from '../db/sql'
import { inTransaction } from '../db/transactions'
import { siteUrl, smtpUrl } from '../config/env'
import { SITE_ROUTES } from '../contract'
import { confirmationEmail, unsubscribeLinkEmail, type NewsletterEmail } from './emails'
import { OUTBOX_CHANNEL } from './recordSignups'
import type { OUTBOX_KINDS } from './tables'
import { newsletterSettings } from './settings'
import { newConfirmToken, unsubscribeToken } from './tokens'

/** How long a sender may take over a claimed email before another may try it. */
const CLAIM_SECONDS = 120
/** Tries before an email is given up on: the last waits about two days, when the link would have expired. */
const MAX_ATTEMPTS = 12
const retryDelaySeconds = (attempts: number) => Math.min(15 * 2 ** (attempts - 1), 12 * 3600)

type Claimed = {
  id: number
  kind: (typeof OUTBOX_KINDS)[number]
  signup_id: string | null
  attempts: number
  email: string
  subscriber_id: number
  status: string
}

/**
 * Sends (or, without SMTP_URL, logs) an email. Failures throw, so the email is retried.
 */
async function deliver(payload: Payload, to: string, email: NewsletterEmail) {
  if (!smtpUrl()) {
    payload.logger.info(`Email (no SMTP_URL set, so only logged) to ${to}: ${email.subject}\n${email.text}`)
    return
  }
  await payload.sendEmail({ to, subject: email.subject, text: email.text, html: email.html, headers: email.headers })
}

/** Whether an email still has a purpose: no confirmation for the confirmed, no way out for those already out. */
const stillWanted = (row: Claimed) => (row.kind === 'confirm' ? row.status !== 'confirmed' : row.status !== 'unsubscribed')

/**
 * Claims up to `limit` due emails (confirmation links, and unsubscribe links asked for on the site) and sends them. Claiming is one statement with
 * `FOR UPDATE SKIP LOCKED`, so any number of senders at once never take the same email; a sender
 * that dies mid-batch leaves its claims to expire, and they are sent by the next. Each email gets
 * a fresh link (only its hash is stored, on the sign-up it confirms), so a resend retires the
 * link before it. Returns how many emails it claimed.
 */
export async function sendDueEmails(payload: Payload, limit = 100): Promise<number> {
  const claimed = await query<Claimed>(
    payload,
    `WITH due AS (
       SELECT id FROM newsletter_outbox
       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
         AND (locked_until IS NULL OR locked_until < now())
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
     ),
     claimed AS (
       UPDATE newsletter_outbox o SET locked_until = now() + make_interval(secs => $2::int), attempts = o.attempts + 1
       FROM due WHERE o.id = due.id
       RETURNING o.id, o.kind, o.signup_id, o.subscriber_id, o.attempts
     )
     SELECT c.id, c.kind, c.signup_id, c.attempts, c.subscriber_id, s.email, s.status
     FROM claimed c JOIN subscribers s ON s.id = c.subscriber_id
     ORDER BY c.id`,
    [limit, CLAIM_SECONDS],
  )
  if (claimed.length === 0) return 0

  const toSend = claimed.filter(stillWanted)
  const confirmations = toSend.filter((row) => row.kind === 'confirm')
  const { confirmTtlHours } = newsletterSettings()
  const tokens = new Map(confirmations.map((row) => [row.id, newConfirmToken()]))
  await query(
    payload,
    `UPDATE newsletter_signups g SET confirm_token_hash = t.hash, confirm_token_expires_at = now() + make_interval(secs => $3::float8)
     FROM unnest($1::uuid[], $2::text[]) AS t(id, hash) WHERE g.id = t.id`,
    [confirmations.map((row) => row.signup_id), confirmations.map((row) => tokens.get(row.id)!.hash), confirmTtlHours * 3600],
  )

  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  const site = siteUrl()
  const emailOf = (row: Claimed): NewsletterEmail => {
    const unsubscribeUrl = `${site}${SITE_ROUTES.unsubscribe(unsubscribeToken(row.subscriber_id, payload.secret))}`
    if (row.kind === 'unsubscribe-link') return unsubscribeLinkEmail({ settings, unsubscribeUrl })
    const confirmUrl = `${site}${SITE_ROUTES.confirm(tokens.get(row.id)!.token)}`
    return confirmationEmail({ settings, confirmUrl, unsubscribeUrl, expiresInHours: confirmTtlHours })
  }
  const results = await Promise.allSettled(toSend.map((row) => deliver(payload, row.email, emailOf(row))))

  // Confirmed (or unsubscribed) meanwhile: nothing to send, done all the same.
  const done = claimed.filter((row) => !stillWanted(row)).map((row) => row.id)
  const failed: { id: number; attempts: number; error: string }[] = []
  results.forEach((result, i) => {
    const row = toSend[i]!
    if (result.status === 'fulfilled') done.push(row.id)
    else
      failed.push({ id: row.id, attempts: row.attempts, error: String(result.reason instanceof Error ? result.reason.message : result.reason).slice(0, 500) })
  })
  await inTransaction(payload, async (client) => {
    if (done.length > 0) {
      await client.query(`UPDATE newsletter_outbox SET sent_at = now(), locked_until = NULL, last_error = NULL WHERE id = ANY($1::int[])`, [done])
    }
    if (failed.length > 0) {
      await client.query(
        `UPDATE newsletter_outbox o SET locked_until = NULL, last_error = f.error,
           next_attempt_at = now() + make_interval(secs => f.delay),
           failed_at = CASE WHEN o.attempts >= $4::int THEN now() END
         FROM unnest($1::int[], $2::text[], $3::int[]) AS f(id, error, delay) WHERE o.id = f.id`,
        [failed.map((f) => f.id), failed.map((f) => f.error), failed.map((f) => retryDelaySeconds(f.attempts)), MAX_ATTEMPTS],
      )
    }
  })
  for (const f of failed) payload.logger.warn(`Newsletter email ${f.id} not sent (attempt ${f.attempts}): ${f.error}`)
  return claimed.length
}

/**
 * Sends the newsletter's emails as they are queued, in the process that runs jobs: woken at once
 * by the notification a recorded batch sends, and looking every few seconds in any case.
 */
export function startOutbox(payload: Payload, { pollMs = 2000 } = {}): () => Promise<void> {
  return drainWhenWoken(payload, {
    channel: OUTBOX_CHANNEL,
    drain: () => sendDueEmails(payload),
    failure: 'Sending newsletter emails failed; trying again shortly',
    pollMs,
  })
}
