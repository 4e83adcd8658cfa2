import { createHmac } from 'node:crypto'
import type { Payload } from 'payload'

import { inTransaction } from '../../db/transactions'
import { adminsOnly, errorAnswer } from '../../http/errorAnswer'

/**
 * What an erasure keeps of the address: a keyed hash (HMAC-SHA256 with the CMS's secret), which
 * does not give the address back but recognises it. A sign-up made before the erasure can still
 * be on its way, in a site server's journal while the CMS was unreachable; recordSignups drops it
 * by this hash, so the person does not come back as pending.
 */
export const erasedAddressHash = (emailKey: string, secret: string) => createHmac('sha256', secret).update(`erased:${emailKey}`).digest('hex')

/** What an erasure took with it, as the audit line and the admin's answer say. */
export type Erased = { erasureId: number; signups: number; emailsDropped: number }

/**
 * Erases a subscriber completely, in one transaction: their row (address, names, postal code,
 * consent record), every sign-up of theirs the CMS keeps (with its consent text and links), and
 * the emails still queued for them (foreign keys with ON DELETE CASCADE, newsletter/tables.ts);
 * the row's delete trigger strips them from the webhook calls, made or not, and queues the
 * "erased" call (migrations: webhooks, erasure_withdraws_webhook_calls);
 * and leaves one audit line (with erasedAddressHash, so a sign-up made before the erasure and still
 * on its way from a site server is dropped when it arrives) that says an erasure happened, who did it and what went, without the
 * address or anything else that identifies the person. Returns null when there is no such
 * subscriber (erased already, say).
 */
export async function eraseSubscriber(payload: Payload, id: number, erasedBy: number | null): Promise<Erased | null> {
  return inTransaction(payload, async (client) => {
    const { rows } = await client.query<{ status: string; created_at: Date; email_key: string; signups: string; emails: string }>(
      `SELECT s.status, s.created_at, s.email_key,
         (SELECT count(*) FROM newsletter_signups g WHERE g.subscriber_id = s.id) AS signups,
         (SELECT count(*) FROM newsletter_outbox o WHERE o.subscriber_id = s.id AND o.sent_at IS NULL AND o.failed_at IS NULL) AS emails
       FROM subscribers s WHERE s.id = $1 FOR UPDATE`,
      [id],
    )
    const subscriber = rows[0]
    if (!subscriber) return null
    await client.query(`DELETE FROM subscribers WHERE id = $1`, [id])
    const signups = Number(subscriber.signups)
    const emailsDropped = Number(subscriber.emails)
    const { rows: audit } = await client.query<{ id: number }>(
      `INSERT INTO subscriber_erasures (subscriber_number, status_at_erasure, on_list_since, signups_erased, emails_dropped, erased_by_id, address_hash, updated_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now()) RETURNING id`,
      [id, subscriber.status, subscriber.created_at, signups, emailsDropped, erasedBy, erasedAddressHash(subscriber.email_key, payload.secret)],
    )
    return { erasureId: audit[0]!.id, signups, emailsDropped }
  })
}

/**
 * POST /api/subscribers/:id/erase, for admins: the only way to delete a subscriber (Payload's own
 * delete is closed, so no route, bulk action or dialog erases without saying what goes and
 * leaving the audit line).
 */
export const eraseEndpoint = adminsOnly({
  refusal: 'Only admins can erase subscribers.',
  path: '/:id/erase',
  method: 'post',
  handler: async (req) => {
    const id = Number(req.routeParams?.id)
    if (!Number.isSafeInteger(id) || id <= 0) return errorAnswer(404, 'No such subscriber.')
    const erased = await eraseSubscriber(req.payload, id, Number(req.user!.id))
    if (!erased) return errorAnswer(404, 'No such subscriber: erased already, perhaps.')
    return Response.json({
      message: `Subscriber ${id} is erased: their address, details and consent record, ${erased.signups} sign-up record(s) and ${erased.emailsDropped} queued email(s).`,
      ...erased,
    })
  },
})
