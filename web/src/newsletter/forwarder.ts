import { MAX_SIGNUP_BATCH, NEWSLETTER_API, type SignupBatchAnswer } from 'cms/contract'

import { CmsError } from '../cms/client'
import { cmsUrl, siteServerCms } from '../cms/siteServer'
import type { SignupJournal } from './journal'

type Log = Pick<Console, 'info' | 'warn' | 'error'>

/** The first retry after a failed hand-over waits this long, doubling up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 30_000

function isBatchAnswer(body: unknown): body is SignupBatchAnswer {
  const answer = body as SignupBatchAnswer
  return Boolean(answer) && Array.isArray(answer.recorded) && Array.isArray(answer.rejected)
}

/**
 * Hands the journal's sign-ups to the CMS in batches (POST /api/newsletter/signups), as soon as
 * they are written and whenever some are due again. The CMS records a batch in one statement and
 * says which it recorded; only those leave the journal. While the CMS is unreachable or failing,
 * sign-ups stay and are tried again with growing pauses (up to 30 s), forever: none is dropped.
 * Sign-ups the CMS rejects as invalid are kept aside in the journal and logged.
 */
export function startForwarder(
  journal: SignupJournal,
  { batchSize = MAX_SIGNUP_BATCH, pollMs = 1000, gatherMs = 100, log = console }: { batchSize?: number; pollMs?: number; gatherMs?: number; log?: Log } = {},
) {
  let stopped = false
  let failures = 0
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined

  /** The pause after a failed hand-over: doubling with each failure in a row, at most MAX_RETRY_MS. */
  const retryDelay = () => Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS)

  function schedule(ms: number) {
    clearTimeout(timer)
    timer = undefined
    if (!stopped) timer = setTimeout(() => void run(), ms)
  }

  /** Hands over one batch; true when a full one went, so that more may be waiting. */
  async function handOver(): Promise<boolean> {
    const batch = journal.due(batchSize)
    if (batch.length === 0) return false
    const ids = batch.map((signup) => signup.id)
    try {
      const { status, body } = await siteServerCms().postJson(NEWSLETTER_API.signups, `${batch.length} sign-ups`, { signups: batch })
      if (status !== 200 || !isBatchAnswer(body))
        throw new CmsError(`The CMS at ${cmsUrl()} answered ${status} to ${batch.length} sign-ups, not a list of those it recorded`, status)
      journal.forget(body.recorded)
      journal.reject(body.rejected)
      for (const { id, errors } of body.rejected)
        log.error(`Sign-up ${id} was refused by the CMS and is kept aside in ${journal.file}: ${JSON.stringify(errors)}`)
      if (failures > 0) log.info(`The CMS records sign-ups again; ${journal.counts().waiting} still to hand over.`)
      failures = 0
      return batch.length === batchSize
    } catch (error) {
      failures++
      const delay = retryDelay()
      const reason = error instanceof Error ? error.message : String(error)
      journal.postpone(ids, Date.now() + delay, reason)
      if (failures === 1 || delay === MAX_RETRY_MS) log.warn(`${reason}. The sign-ups are kept and tried again.`)
      return false
    }
  }

  async function run() {
    timer = undefined
    if (running || stopped) return
    running = (async () => {
      try {
        while (!stopped && (await handOver())) {
          // more may be waiting
        }
      } catch (error) {
        log.error(`Handing sign-ups to the CMS failed: ${String(error)}`)
      } finally {
        running = undefined
        let more = false
        try {
          more = journal.due(1).length > 0
        } catch (error) {
          // The journal unreadable just now (locked, a disk error): looked at again at the next poll.
          log.error(`Reading the sign-up journal failed: ${String(error)}`)
        }
        schedule(failures > 0 ? retryDelay() : more ? gatherMs : pollMs)
      }
    })()
    await running
  }

  // New sign-ups go within `gatherMs`, together with those that come meanwhile (one request to
  // the CMS for many), unless the CMS is failing: then they wait for the next try.
  const unsubscribe = journal.onAppend(() => {
    if (failures === 0 && !timer && !running) schedule(gatherMs)
  })
  schedule(0)

  return {
    /** Stops handing over (sign-ups stay in the journal for the next start). */
    async stop() {
      stopped = true
      unsubscribe()
      clearTimeout(timer)
      await running
    },
  }
}
