import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { drizzleOf } from './transactions'

/**
 * PostgreSQL advisory locks, named: every process on the database that takes the same name waits
 * for the others. (A name is hashed to the lock's number by PostgreSQL's own hashtext.)
 */

/** Runs `work` holding the lock, on a connection of its own, for as long as `work` takes. */
export async function withAdvisoryLock<T>(payload: Payload, name: string, work: () => Promise<T>): Promise<T> {
  const client = await payload.db.pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name])
    return await work()
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => {})
    client.release()
  }
}

/** Takes the lock within the request's transaction; PostgreSQL releases it when that ends. */
export async function lockUntilTransactionEnds(req: PayloadRequest, name: string): Promise<void> {
  await (await drizzleOf(req)).execute(sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`)
}
