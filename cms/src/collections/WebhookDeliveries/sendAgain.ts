import { query } from '../../db/sql'
import { adminsOnly, errorAnswer } from '../../http/errorAnswer'
import { WEBHOOK_CHANNEL } from '../../newsletter/webhooks'

/**
 * POST /api/webhook-deliveries/:id/send-again, for admins: a call waiting for its next try is made
 * now; a delivered one is made once more (a mailing tool that lost it). The job runner makes it
 * within moments, still after any earlier call for the same person. A withdrawn call is refused:
 * it no longer says whom it is about, and the erasure that withdrew it superseded it.
 */
export const sendAgainEndpoint = adminsOnly({
  refusal: 'Only admins can send webhook calls again.',
  path: '/:id/send-again',
  method: 'post',
  handler: async (req) => {
    const id = Number(req.routeParams?.id)
    const rows = Number.isSafeInteger(id)
      ? await query<{ id: number; withdrawn: boolean }>(
          req.payload,
          `WITH found AS (SELECT id, state = 'withdrawn' AS withdrawn FROM webhook_deliveries WHERE id = $1),
           again AS (
             UPDATE webhook_deliveries d SET next_attempt_at = now(), delivered_at = NULL, locked_until = NULL, updated_at = now(),
               state = CASE WHEN d.state = 'delivered' THEN 'waiting' ELSE d.state END
             FROM found WHERE d.id = found.id AND NOT found.withdrawn RETURNING d.id
           )
           SELECT found.id, found.withdrawn, (SELECT count(pg_notify('${WEBHOOK_CHANNEL}', '')) FROM again) AS woken FROM found`,
          [id],
        )
      : []
    if (rows.length === 0) return errorAnswer(404, 'No such webhook delivery.')
    if (rows[0]!.withdrawn)
      return errorAnswer(
        409,
        `Delivery ${id} was withdrawn: the person was erased, or the webhook deleted, before it went, and it no longer says whom it was about. It cannot be sent.`,
      )
    return Response.json({ message: `Delivery ${id} will be sent again within moments, after any earlier call for the same person.` })
  },
})
