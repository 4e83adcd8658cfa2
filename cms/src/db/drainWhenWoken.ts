import type { Payload } from 'payload'

import { listen } from './listen'

/**
 * Works through a durable queue in the process that runs jobs: `drain` is called at once when a
 * notification on `channel` says work was queued, every `pollMs` in any case (a notification
 * missed while the connection was down, retries coming due), and again straight away while it
 * finds work (it returns how many items it took). A failing drain is logged with `failure` and
 * tried again at the next wake-up. It stops when Payload's database pool is closed
 * (payload.destroy()), or when the returned function is called.
 */
export function drainWhenWoken(
  payload: Payload,
  { channel, drain, failure, pollMs = 2000 }: { channel: string; drain: () => Promise<number>; failure: string; pollMs?: number },
): () => Promise<void> {
  let stopped = false
  let wake: () => void = () => {}
  const unlisten = listen(payload, channel, () => wake(), { pollMs })
  const done = () => stopped || payload.db.pool.ended
  const running = (async () => {
    while (!done()) {
      let taken = 0
      try {
        taken = await drain()
      } catch (error) {
        if (done()) break
        payload.logger.error({ err: error, msg: failure })
      }
      if (taken > 0) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
    await unlisten()
  })()

  return async () => {
    stopped = true
    wake()
    await running
  }
}
