import type { Payload } from 'payload'
import type { QueryResultRow } from 'pg'

/**
 * Plain SQL on Payload's own PostgreSQL pool, for the set-based work the local API cannot do in
 * one statement (recording a batch of sign-ups, claiming emails to send). The pool's type comes
 * from @payloadcms/db-postgres, which declares it on Payload's database adapter.
 */
export async function query<T extends QueryResultRow>(payload: Payload, text: string, values: unknown[] = []): Promise<T[]> {
  return (await payload.db.pool.query<T>(text, values)).rows
}
