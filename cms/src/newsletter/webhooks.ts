import { createHmac } from 'node:crypto'
import type { Payload } from 'payload'

import { drainWhenWoken } from '../db/drainWhenWoken'
import { query } from '../db/sql'
import { openWebhookSecret, UnreadableWebhookSecret } from './webhookSecrets'

/** What the mailing tool is told, as the `type` of each call. */
export const WEBHOOK_EVENTS = ['subscriber.confirmed', 'subscriber.unsubscribed', 'subscriber.erased'] as const
type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** Notified by the trigger that queues deliveries (migrations: webhooks), and by "send again". */
export const WEBHOOK_CHANNEL = 'webhook_deliveries'

/** How long a receiver may take to answer one call. */
const TIMEOUT_MS = 10_000
/** How long a sender may hold a claimed call before another may try it. */
const CLAIM_SECONDS = 60
/** 10 s, 20 s, 40 s … then hourly: a receiver down for a day is caught up within the hour it is back. */
const retryDelaySeconds = (attempts: number) => Math.min(10 * 2 ** (attempts - 1), 3600)

/**
 * The signature header of a call, as Stripe signs its webhooks: the time, and an HMAC-SHA256 of
 * "<time>.<body>" with the webhook's secret, so the receiver can check both who sent it and that
 * it is not an old call replayed.
 */
function webhookSignature(secret: string, body: string, unixTime: number): string {
  return `t=${unixTime},v1=${createHmac('sha256', secret).update(`${unixTime}.${body}`).digest('hex')}`
}

/** A call to make; `secret` is as stored, sealed (newsletter/webhookSecrets.ts). */
type Call = { id: number; event: WebhookEvent | 'webhook.test'; body: Record<string, unknown>; url: string; secret: string | null }
type Claimed = Call & { event: WebhookEvent; attempts: number }
type Outcome = { id: number; delivered: boolean; result: string }

/**
 * One call, answered or not: the outcome says what the receiver answered, or why there was no
 * answer. The secret is opened here, only to sign; a secret that cannot be opened makes no call
 * at all (a receiver that checks signatures would refuse it, one that does not would trust it).
 */
export async function callWebhook(delivery: Call, serverSecret: string, timeoutMs = TIMEOUT_MS): Promise<Outcome> {
  const body = JSON.stringify({ id: delivery.id, ...delivery.body })
  let secret: string
  try {
    secret = openWebhookSecret(delivery.secret, serverSecret)
  } catch (error) {
    if (error instanceof UnreadableWebhookSecret) return { id: delivery.id, delivered: false, result: error.message }
    throw error
  }
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'get-the-wire-webhooks',
        'Wire-Event': delivery.event,
        'Wire-Delivery': String(delivery.id),
        'Wire-Signature': webhookSignature(secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
    })
    await response.body?.cancel()
    return { id: delivery.id, delivered: response.ok, result: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` }
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : errorText(error)
    return { id: delivery.id, delivered: false, result: reason }
  }
}

const errorText = (error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined
  return (cause ?? (error instanceof Error ? error.message : String(error))).slice(0, 300)
}

/**
 * Claims the calls that are due and makes them. For each webhook and person only the oldest call
 * not yet delivered is due, so a mailing tool always hears "confirmed" before "unsubscribed"
 * before "erased", however many retries the first takes. Claiming is one statement with
 * `FOR UPDATE SKIP LOCKED`, so several senders never make the same call; a sender that dies
 * leaves its claims to expire. A call that fails is retried later each time (retryDelaySeconds),
 * never dropped. Once delivered, a call about a person since erased keeps only its event. A call
 * withdrawn (the person erased, or the webhook deleted, before it went: migrations,
 * erasure_withdraws_webhook_calls) is never made and holds up no later one; one withdrawn while
 * this sender was making it stays withdrawn unless the receiver took it.
 * Returns how many calls it made.
 */
export async function sendDueWebhooks(payload: Payload, { limit = 20, timeoutMs = TIMEOUT_MS } = {}): Promise<number> {
  const claimed = await query<Claimed>(
    payload,
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active
       WHERE d.delivered_at IS NULL AND d.state <> 'withdrawn' AND d.next_attempt_at <= now() AND (d.locked_until IS NULL OR d.locked_until < now())
         AND NOT EXISTS (
           SELECT 1 FROM webhook_deliveries earlier
           WHERE earlier.webhook_id = d.webhook_id AND earlier.subscriber_number = d.subscriber_number
             AND earlier.id < d.id AND earlier.delivered_at IS NULL AND earlier.state <> 'withdrawn')
       ORDER BY d.id LIMIT $1 FOR UPDATE OF d SKIP LOCKED
     ),
     claimed AS (
       UPDATE webhook_deliveries d SET locked_until = now() + make_interval(secs => $2::int), attempts = d.attempts + 1
       FROM due WHERE d.id = due.id
       RETURNING d.id, d.event, d.body, d.attempts, d.webhook_id
     )
     SELECT c.id, c.event::text AS event, c.body, c.attempts::int AS attempts, w.url, w.secret
     FROM claimed c JOIN webhooks w ON w.id = c.webhook_id ORDER BY c.id`,
    [limit, CLAIM_SECONDS],
  )
  if (claimed.length === 0) return 0
  const outcomes = await Promise.all(claimed.map((delivery) => callWebhook(delivery, payload.config.secret, timeoutMs)))
  const attemptsOf = new Map(claimed.map((delivery) => [delivery.id, delivery.attempts]))
  await query(
    payload,
    `UPDATE webhook_deliveries d SET
       locked_until = NULL, last_result = o.result, updated_at = now(),
       state = CASE WHEN o.delivered THEN 'delivered' WHEN d.state = 'withdrawn' THEN 'withdrawn' ELSE 'retrying' END::enum_webhook_deliveries_state,
       delivered_at = CASE WHEN o.delivered THEN now() END,
       next_attempt_at = CASE WHEN o.delivered OR d.state = 'withdrawn' THEN NULL ELSE now() + make_interval(secs => o.delay) END,
       body = CASE WHEN (o.delivered OR d.state = 'withdrawn') AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = d.subscriber_number)
         THEN webhook_body_without_person(d.body) ELSE d.body END
     FROM unnest($1::int[], $2::boolean[], $3::text[], $4::int[]) AS o(id, delivered, result, delay)
     WHERE d.id = o.id`,
    [outcomes.map((o) => o.id), outcomes.map((o) => o.delivered), outcomes.map((o) => o.result), outcomes.map((o) => retryDelaySeconds(attemptsOf.get(o.id)!))],
  )
  for (const o of outcomes) if (!o.delivered) payload.logger.warn(`Webhook delivery ${o.id} failed (attempt ${attemptsOf.get(o.id)}): ${o.result}`)
  return claimed.length
}

/** Makes the webhooks' calls as they are queued, in the process that runs jobs. */
export function startWebhookSender(payload: Payload, { pollMs = 2000 } = {}): () => Promise<void> {
  return drainWhenWoken(payload, {
    channel: WEBHOOK_CHANNEL,
    drain: () => sendDueWebhooks(payload),
    failure: 'Sending webhooks failed; trying again shortly',
    pollMs,
  })
}
