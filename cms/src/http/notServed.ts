import type { Endpoint } from 'payload'

/**
 * Routes Payload adds that this CMS does not use, answering 404 for every method. Listed among a
 * collection's own endpoints, they come before Payload's routes of that collection and shadow
 * them. (Payload's `endpoints: false` answers 501, a server error, and drops every route.)
 */
export const notServed = (path: string): Endpoint[] =>
  (['get', 'post', 'put', 'patch', 'delete'] as const).map((method) => ({
    method,
    path,
    handler: () => Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 }),
  }))
