import { sql } from '@payloadcms/db-postgres'
import type { CollectionAfterChangeHook, Payload, PayloadRequest } from 'payload'

import { listen } from '../db/listen'
import { lockUntilTransactionEnds } from '../db/locks'
import { drizzleOf, inLocalApiTransaction } from '../db/transactions'
import type { SiteBuild } from '../payload-types'
import { publishingSettings } from './settings'

export const SITE_QUEUE = 'site'
/** Notified when a build is queued, so that the job runner starts it at once (wakeSiteBuilds). */
const BUILD_QUEUED = 'site_build_queued'

type BuildRequest = { reason: string; changedPath?: string; userId?: number }

/**
 * Asks for a site build, inside the caller's transaction: the request is stored with the edit
 * that caused it, or not at all. Bursts coalesce: while a build is queued (not yet started),
 * further requests join it; a request during a running build queues exactly one follow-up. A
 * transaction-scoped advisory lock makes concurrent requests agree.
 */
export async function requestSiteBuild(req: PayloadRequest, { reason, changedPath, userId }: BuildRequest): Promise<{ id: number; joined: boolean }> {
  const { payload } = req
  await lockBuildQueue(req)
  const queued = await payload.find({ collection: 'site-builds', where: { status: { equals: 'queued' } }, limit: 1, req, depth: 0 })
  const existing = queued.docs[0]
  if (existing) {
    // The waiting build now also carries this change: say so, and link the latest change's page.
    await payload.update({
      collection: 'site-builds',
      id: existing.id,
      req,
      data: {
        reason: joinReasons(existing.reason, reason),
        ...(changedPath && { changedPath }),
        ...(userId && { requestedBy: userId }),
      },
    })
    return { id: existing.id, joined: true }
  }
  const build = await payload.create({ collection: 'site-builds', req, data: { status: 'queued', reason, changedPath, requestedBy: userId } })
  return { id: build.id, joined: false }
}

const REASON_MAX = 500
function joinReasons(earlier: string | null | undefined, latest: string): string {
  const joined = earlier ? `${earlier}; ${latest}` : latest
  return joined.length <= REASON_MAX ? joined : `…${joined.slice(-(REASON_MAX - 1))}`
}

/**
 * Serialises everything that reads or changes whether a build is waiting: requests, and the
 * builder claiming the waiting build. Held until the caller's transaction ends, so a change
 * that joined a waiting build is committed before that build starts reading content.
 */
const lockBuildQueue = (req: PayloadRequest) => lockUntilTransactionEnds(req, 'site-builds')

/** The same, in a transaction of its own (for callers outside a request). */
export function requestSiteBuildNow(payload: Payload, request: BuildRequest) {
  return inLocalApiTransaction(payload, (req) => requestSiteBuild(req, request))
}

/** The builder takes a waiting build (queued to running); false if it is not waiting any more. */
export function claimQueuedBuild(payload: Payload, id: number, startedAt: Date): Promise<boolean> {
  return inLocalApiTransaction(payload, async (req) => {
    await lockBuildQueue(req)
    const claimed = await payload.update({
      collection: 'site-builds',
      where: { and: [{ id: { equals: id } }, { status: { equals: 'queued' } }] },
      data: { status: 'running', startedAt: startedAt.toISOString() },
      overrideAccess: true,
      req,
    })
    return claimed.docs.length > 0
  })
}

/**
 * On start-up with publishing on and nothing live yet: queue a build; the job runner picks it up
 * once the CMS answers (the build reads it over HTTP).
 */
export async function requestFirstBuild(payload: Payload): Promise<void> {
  if (!publishingSettings().enabled) return
  const { totalDocs } = await payload.count({ collection: 'site-builds', where: { status: { in: ['live', 'queued'] } } })
  if (totalDocs === 0) await requestSiteBuildNow(payload, { reason: 'First build after start-up' })
}

/**
 * A new build record (by request above, or "Rebuild now" in the admin) queues its job with it,
 * and notifies the job runner, which starts it as soon as the transaction commits.
 */
export const queueBuildAfterCreate: CollectionAfterChangeHook<SiteBuild> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  await req.payload.jobs.queue({ task: 'buildSite', queue: SITE_QUEUE, input: { build: doc.id }, req })
  await (await drizzleOf(req)).execute(sql`SELECT pg_notify(${BUILD_QUEUED}, '')`)
  return doc
}

/**
 * In the process that runs jobs: runs the site build queue as soon as a build is queued, in any
 * CMS process (PostgreSQL's NOTIFY), and once at start for builds queued meanwhile. The
 * scheduled run every second stays as the backstop for a notification missed.
 */
export function wakeSiteBuilds(payload: Payload): () => Promise<void> {
  const run = () =>
    void payload.jobs.run({ queue: SITE_QUEUE, limit: 5 }).catch((error: unknown) => {
      payload.logger.error({ err: error, msg: 'Running the site build queue failed; the next scheduled run retries it' })
    })
  run()
  return listen(payload, BUILD_QUEUED, run)
}
