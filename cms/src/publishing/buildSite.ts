import { existsSync, readdirSync } from 'node:fs'
import { rename, rm, symlink } from 'node:fs/promises'
import path from 'node:path'
import type { Payload, TaskConfig } from 'payload'

import { cmsUrl, siteUrl } from '../config/env'
import { claimQueuedBuild } from './requestSiteBuild'
import { publishingSettings } from './settings'
import { siteBuilder } from './siteBuilder'

const LOG_TAIL = 4000

type PoolClient = { query: (text: string, values?: unknown[]) => Promise<unknown>; release: () => void }
type Pool = { connect: () => Promise<PoolClient> }

/** One build at a time, across every process that runs jobs: a PostgreSQL session lock. */
async function withBuildLock<T>(payload: Payload, work: () => Promise<T>): Promise<T> {
  const client = await (payload.db as unknown as { pool: Pool }).pool.connect()
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('site-build-runner'))`)
    return await work()
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('site-build-runner'))`).catch(() => {})
    client.release()
  }
}

const countPages = (dir: string) =>
  readdirSync(path.join(dir, 'client'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length

/** Points `live` at a build: a new symlink renamed over the old one, so readers never see a gap. */
export async function makeLive(buildsDir: string, buildId: number): Promise<void> {
  const staging = path.join(buildsDir, `.live-${buildId}-${process.pid}`)
  await rm(staging, { force: true })
  await symlink(String(buildId), staging)
  await rename(staging, path.join(buildsDir, 'live'))
}

/**
 * Builds the site into a fresh folder (with the warm builder, siteBuilder.ts) and, only if that
 * succeeds, makes it live. A failed build is recorded with its log and leaves the live site
 * exactly as it was. Builds are incremental: pages whose code and content are unchanged are
 * reused from the previous build; the build records how many were rendered and reused.
 */
export const buildSiteTask: TaskConfig<'buildSite'> = {
  slug: 'buildSite',
  label: 'Build the public site',
  // A failed build is recorded; the next change or "Rebuild now" tries again.
  retries: 0,
  inputSchema: [{ name: 'build', type: 'number', required: true }],
  handler: async ({ input, req }) => {
    const { payload } = req
    const { buildsDir, stagingDir, cacheDir, keep } = publishingSettings()
    await withBuildLock(payload, async () => {
      const startedAt = new Date()
      if (!(await claimQueuedBuild(payload, input.build, startedAt))) return

      const outDir = path.join(buildsDir, String(input.build))
      await rm(outDir, { recursive: true, force: true })
      await rm(stagingDir, { recursive: true, force: true })
      const { ok, log, routes } = await siteBuilder.build(input.build, stagingDir, {
        CMS_URL: process.env.SITE_BUILD_CMS_URL || cmsUrl(),
        SITE_URL: siteUrl(),
        ASTRO_CACHE_DIR: cacheDir,
      })
      const built = ok && existsSync(path.join(stagingDir, 'client', 'index.html'))
      if (built) await rename(stagingDir, outDir)
      const finishedAt = new Date()
      const result = {
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        logTail: log.slice(-LOG_TAIL),
        ...(built && { routesRendered: routes.rendered, routesReused: routes.reused }),
      }
      if (!built) {
        await rm(stagingDir, { recursive: true, force: true })
        await payload.update({ collection: 'site-builds', id: input.build, overrideAccess: true, data: { ...result, status: 'failed' } })
        payload.logger.error(`Site build ${input.build} failed; the live site is unchanged.`)
        return
      }
      await makeLive(buildsDir, input.build)
      await payload.update({
        collection: 'site-builds',
        where: { and: [{ status: { equals: 'live' } }, { id: { not_equals: input.build } }] },
        data: { status: 'previous' },
        overrideAccess: true,
      })
      await payload.update({
        collection: 'site-builds',
        id: input.build,
        overrideAccess: true,
        data: { ...result, status: 'live', pagesBuilt: countPages(outDir) },
      })
      await pruneOldBuilds(payload, buildsDir, keep)
    })
    return { output: {} }
  },
}

/** Keeps the folders of the newest successful builds (for rollback); deletes the rest. */
async function pruneOldBuilds(payload: Payload, buildsDir: string, keep: number) {
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: { status: { in: ['live', 'previous'] } },
    sort: '-id',
    limit: 0,
    pagination: false,
    depth: 0,
  })
  for (const old of docs.slice(keep)) await rm(path.join(buildsDir, String(old.id)), { recursive: true, force: true })
}
