import type { Payload } from 'payload'
import type { PoolClient, QueryResultRow } from 'pg'

/**
 * Plain SQL on Payload's own PostgreSQL pool, for the set-based work the local API cannot do in
 * one statement (recording a batch of sign-ups, claiming emails to send). The pool's type comes
 * from @payloadcms/db-postgres, which declares it on Payload's database adapter.
 */
export async function query<T extends QueryResultRow>(payload: Payload, text: string, values: unknown[] = []): Promise<T[]> {
  return (await payload.db.pool.query<T>(text, values)).rows
}

/** Runs `work` in a transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(payload: Payload, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await payload.db.pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
