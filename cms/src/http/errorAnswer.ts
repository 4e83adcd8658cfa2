import type { Endpoint } from 'payload'

import { hasRole } from '../access/roles'

/** A refusal as Payload's own routes answer one: `{ errors: [{ message, field? }] }`, `field` naming the input at fault. */
export const errorAnswer = (status: number, message: string, field?: string): Response =>
  Response.json({ errors: [{ message, ...(field ? { field } : {}) }] }, { status })

/**
 * An endpoint for admins only: anyone else is answered 403 with `refusal` (which says what only
 * admins can do), and the handler does not run.
 */
export function adminsOnly({ refusal, ...endpoint }: Endpoint & { refusal: string }): Endpoint {
  return { ...endpoint, handler: (req) => (hasRole(req.user, 'admin') ? endpoint.handler(req) : errorAnswer(403, refusal)) }
}
