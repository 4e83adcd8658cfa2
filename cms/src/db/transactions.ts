import type { Payload, PayloadRequest } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import type { PoolClient } from 'pg'

/**
 * Transactions, of the two kinds the CMS needs: plain SQL on one pooled connection (set-based
 * work the local API cannot do in one statement), and the local API's own, for a caller outside
 * a request. Both commit if the work resolves and roll back if it throws.
 */

/** Runs `work` in a transaction on one connection of Payload's pool. */
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

/** Runs `work` with a request of its own whose local API calls share one transaction. */
export async function inLocalApiTransaction<T>(payload: Payload, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    const result = await work(req)
    await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

type Drizzle = Payload['db']['drizzle']

/** A transaction's drizzle handle as Payload keeps it (typed `unknown` there): one that runs SQL. */
const runsSql = (db: unknown): db is Drizzle => typeof db === 'object' && db !== null && 'execute' in db

/**
 * The drizzle handle of the request's transaction, for a statement the local API has no call for;
 * the adapter's own outside a transaction.
 */
export async function drizzleOf(req: PayloadRequest): Promise<Drizzle> {
  const session = req.payload.db.sessions?.[String(await req.transactionID)]?.db
  return runsSql(session) ? session : req.payload.db.drizzle
}
