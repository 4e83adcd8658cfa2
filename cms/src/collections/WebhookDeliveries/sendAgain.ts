import { query } from '../../db/sql'
import { adminsOnly, errorAnswer } from '../../http/errorAnswer'
import { WEBHOOK_CHANNEL } from '../../newsletter/webhooks'

/**
 * POST /api/webhook-deliveries/:id/send-again, for admins: a call waiting for its next try is made
 * now; a delivered one is made once more (a mailing tool that lost it). The job runner makes it
 * within moments, still after any earlier call for the same person.
 */
export const sendAgainEndpoint = adminsOnly({
  refusal: 'Only admins can send webhook calls again.',
  path: '/:id/send-again',
  method: 'post',
  handler: async (req) => {
    const id = Number(req.routeParams?.id)
    const rows = Number.isSafeInteger(id)
      ? await query<{ id: number }>(
          req.payload,
          `WITH again AS (
             UPDATE webhook_deliveries SET next_attempt_at = now(), delivered_at = NULL, locked_until = NULL, updated_at = now(),
               state = CASE WHEN state = 'delivered' THEN 'waiting' ELSE state END
             WHERE id = $1 RETURNING id
           )
           SELECT id, pg_notify('${WEBHOOK_CHANNEL}', '') FROM again`,
          [id],
        )
      : []
    if (rows.length === 0) return errorAnswer(404, 'No such webhook delivery.')
    return Response.json({ message: `Delivery ${id} will be sent again within moments, after any earlier call for the same person.` })
  },
})
