import { existsSync, readdirSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Payload, TaskConfig } from 'payload'

import { cmsUrl, siteUrl } from '../config/env'
import { withAdvisoryLock } from '../db/locks'
import { promoteBuild } from './promoteBuild'
import { claimQueuedBuild } from './requestSiteBuild'
import { publishingSettings } from './settings'
import { siteBuilder, type PreviousBuild } from './siteBuilder'

const LOG_TAIL = 4000

/** One build at a time, across every process that runs jobs. */
const BUILD_RUNNER_LOCK = 'site-build-runner'

const countPages = (dir: string) => readdirSync(path.join(dir, 'client'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length

/**
 * Builds the site into a fresh folder (with the warm builder, siteBuilder.ts) and, only if that
 * succeeds, makes it live. A failed build is recorded with its log and leaves the live site
 * exactly as it was. Builds are incremental: made from the newest build by rendering its pages
 * again with the new content, pages whose content is unchanged reused; the build records how many
 * were rendered and reused.
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
    await withAdvisoryLock(payload, BUILD_RUNNER_LOCK, async () => {
      const startedAt = new Date()
      if (!(await claimQueuedBuild(payload, input.build, startedAt))) return

      const outDir = path.join(buildsDir, String(input.build))
      await rm(outDir, { recursive: true, force: true })
      await rm(stagingDir, { recursive: true, force: true })
      const { ok, log, routes } = await siteBuilder.build(
        input.build,
        stagingDir,
        { CMS_URL: process.env.SITE_BUILD_CMS_URL || cmsUrl(), SITE_URL: siteUrl(), ASTRO_CACHE_DIR: cacheDir },
        await newestBuild(payload, buildsDir),
      )
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
      await promoteBuild(payload, input.build, { ...result, pagesBuilt: countPages(outDir) })
      await pruneOldBuilds(payload, buildsDir, keep)
    })
    return { output: {} }
  },
}

/** The newest successful build whose folder is still there: the next build may be rendered from it (siteBuilder.ts). */
async function newestBuild(payload: Payload, buildsDir: string): Promise<PreviousBuild | undefined> {
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: { status: { in: ['live', 'previous'] } },
    sort: '-id',
    limit: 1,
    depth: 0,
  })
  const dir = docs[0] && path.join(buildsDir, String(docs[0].id))
  return dir && existsSync(dir) ? { build: docs[0]!.id, dir } : undefined
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
