import type { Payload } from 'payload'

import { query } from '../db/sql'
import { callWebhook } from './webhooks'

/**
 * What a failed call's result means, in words an admin can act on. The result itself (the error
 * code or HTTP status) follows in brackets for whoever runs the server.
 */
export function problemInWords(result: string): string {
  const words = (() => {
    if (/signing secret cannot be read/.test(result))
      return 'the signing secret can no longer be read: issue the webhook a new one (tick "Issue a new signing secret" and save), and set it in the mailing tool'
    if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(result)) return 'the address could not be found: check the host name in the webhook’s address'
    if (/ECONNREFUSED/.test(result)) return 'the mailing tool’s server refused the connection: nothing answers at that address and port'
    if (/ECONNRESET|socket hang up|other side closed/i.test(result)) return 'the connection was cut before the mailing tool answered'
    if (/no answer within|ETIMEDOUT|timeout/i.test(result)) return 'the mailing tool did not answer in time'
    if (/certificate|CERT_|SSL|TLS/i.test(result)) return 'the secure connection failed: the mailing tool’s certificate was not accepted'
    const http = /^HTTP (\d{3})/.exec(result)
    if (http) {
      const status = Number(http[1])
      if (status === 401 || status === 403) return 'the mailing tool refused the call: check the signing secret set there'
      if (status === 404 || status === 410) return 'the mailing tool has nothing at that address: check the address it gave you'
      if (status >= 300 && status < 400) return 'the mailing tool sent the call elsewhere (a redirect), which is not followed: use the final address'
      if (status >= 500) return 'the mailing tool had an error of its own'
      return 'the mailing tool refused the call'
    }
    return 'the call failed'
  })()
  return `${words} (${result})`
}

export type WebhookHealth = {
  id: number
  name: string
  active: boolean
  /** Calls not delivered yet. */
  waiting: number
  /** Since when calls have been failing (the oldest undelivered call that was tried), or null when none is. */
  failingSince: string | null
  /** The latest failure, in words, or null. */
  problem: string | null
}

/** Each webhook (or the one given) with the calls it has waiting and, if they are failing, since when and why. */
export async function webhookHealth(payload: Payload, id?: number): Promise<WebhookHealth[]> {
  const rows = await query<{ id: number; name: string; active: boolean; waiting: number; failing_since: Date | null; last_problem: string | null }>(
    payload,
    `SELECT w.id, w.name, w.active,
       count(d.id) FILTER (WHERE d.delivered_at IS NULL AND d.state <> 'withdrawn')::int AS waiting,
       min(d.created_at) FILTER (WHERE d.delivered_at IS NULL AND d.state <> 'withdrawn' AND d.attempts > 0 AND d.last_result IS NOT NULL) AS failing_since,
       (SELECT x.last_result FROM webhook_deliveries x
          WHERE x.webhook_id = w.id AND x.delivered_at IS NULL AND x.state <> 'withdrawn' AND x.attempts > 0 AND x.last_result IS NOT NULL
          ORDER BY x.updated_at DESC LIMIT 1) AS last_problem
     FROM webhooks w LEFT JOIN webhook_deliveries d ON d.webhook_id = w.id
     WHERE $1::int IS NULL OR w.id = $1
     GROUP BY w.id ORDER BY w.name`,
    [id ?? null],
  )
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    active: row.active,
    waiting: row.waiting,
    failingSince: row.failing_since ? new Date(row.failing_since).toISOString() : null,
    problem: row.failing_since && row.last_problem ? problemInWords(row.last_problem) : null,
  }))
}

/** The webhooks whose calls are failing, for the admin's desk. */
export const failingWebhooks = async (payload: Payload) => (await webhookHealth(payload)).filter((webhook) => webhook.failingSince !== null)

/**
 * A signed call of type `webhook.test` to the webhook's address, made now and answered with the
 * outcome: what an admin presses after fixing an address, instead of waiting for the next retry.
 * It carries no one's data and is not logged as a delivery.
 */
export async function testWebhook(payload: Payload, id: number): Promise<{ delivered: boolean; message: string } | undefined> {
  const [webhook] = await query<{ url: string; secret: string | null }>(payload, 'SELECT url, secret FROM webhooks WHERE id = $1', [id])
  if (!webhook) return undefined
  const outcome = await callWebhook(
    { id: 0, event: 'webhook.test', body: { type: 'webhook.test', sentAt: new Date().toISOString() }, ...webhook },
    payload.config.secret,
  )
  return outcome.delivered
    ? { delivered: true, message: `The mailing tool answered the test call (${outcome.result}): the address and the connection work.` }
    : { delivered: false, message: `The test call failed: ${problemInWords(outcome.result)}.` }
}
