import type { Endpoint } from 'payload'

import { hasRole } from '../../access/roles'
import { query } from '../../db/sql'
import { WEBHOOK_CHANNEL } from '../../newsletter/webhooks'

/**
 * POST /api/webhook-deliveries/:id/send-again, for admins: a call waiting for its next try is made
 * now; a delivered one is made once more (a mailing tool that lost it). The job runner makes it
 * within moments, still after any earlier call for the same person.
 */
export const sendAgainEndpoint: Endpoint = {
  path: '/:id/send-again',
  method: 'post',
  handler: async (req) => {
    if (!hasRole(req.user, 'admin')) {
      return Response.json({ errors: [{ message: 'Only admins can send webhook calls again.' }] }, { status: 403 })
    }
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
    if (rows.length === 0) return Response.json({ errors: [{ message: 'No such webhook delivery.' }] }, { status: 404 })
    return Response.json({ message: `Delivery ${id} will be sent again within moments, after any earlier call for the same person.` })
  },
}
