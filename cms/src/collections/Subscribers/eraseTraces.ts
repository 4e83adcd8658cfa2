import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterDeleteHook } from 'payload'

/**
 * Erasing a subscriber leaves nothing behind: the row is gone (subscribers keep no versions),
 * and so are the email jobs that named them.
 */
export const eraseTraces: CollectionAfterDeleteHook = async ({ id, req }) => {
  const db = req.payload.db.drizzle as unknown as { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }
  await db.execute(sql`DELETE FROM payload_jobs WHERE input->>'subscriber' = ${String(id)}`)
}
