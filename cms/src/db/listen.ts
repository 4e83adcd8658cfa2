import pg from 'pg'
import type { Payload } from 'payload'

/**
 * Calls `onNotify` whenever PostgreSQL sends a notification on `channel` (NOTIFY, sent on commit,
 * from any process on the database), over a connection of its own, outside Payload's pool: a
 * LISTEN holds its connection for good, and a pool does not close while a connection is taken
 * from it. A lost connection is opened again at the next `poll`; callers also look on their own
 * every so often, as notifications sent while it was down are not replayed. It ends by itself
 * when Payload's pool closes (payload.destroy()), or with the returned function.
 */
export function listen(payload: Payload, channel: string, onNotify: () => void, { pollMs = 2000 } = {}): () => Promise<void> {
  let stopped = false
  let client: pg.Client | undefined
  const done = () => stopped || payload.db.pool.ended

  async function connect() {
    const next = new pg.Client(payload.db.poolOptions)
    next.on('notification', () => onNotify())
    next.on('error', () => {
      client = undefined
      next.end().catch(() => {})
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${channel}`)
      client = next
    } catch {
      await next.end().catch(() => {})
    }
  }

  const timer = setInterval(() => {
    if (done()) {
      clearInterval(timer)
      void client?.end().catch(() => {})
      client = undefined
    } else if (!client) void connect()
  }, pollMs)
  timer.unref()
  void connect()

  return async () => {
    stopped = true
    clearInterval(timer)
    await client?.end().catch(() => {})
  }
}
