import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { rename, rm, symlink } from 'node:fs/promises'
import path from 'node:path'
import type { Payload, TaskConfig } from 'payload'

import { cmsUrl, siteUrl } from '../config/env'
import { claimQueuedBuild } from './requestSiteBuild'
import { publishingSettings } from './settings'

const LOG_TAIL = 4000

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '')

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

type AstroBuild = { ok: boolean; log: string; routes: RouteCounts }
/** Prerendered routes (pages, feeds) of a build: rendered afresh, or reused from the previous build. */
export type RouteCounts = { rendered: number; reused: number }

/** Astro logs each prerendered route as `├─ /path (+4ms)` when rendered, `(restored)` or `(cached)` when reused. */
function countRoute(line: string, routes: RouteCounts) {
  if (!/[├└]─ \S/.test(line)) return
  if (/\((restored|cached)\)\s*$/.test(line)) routes.reused++
  else if (/\(\+[\d.]+m?s\)/.test(line)) routes.rendered++
}

const routesSummary = ({ rendered, reused }: RouteCounts) =>
  `Prerendered routes: ${rendered} rendered, ${reused} reused from the previous build.`

/** The counts a build recorded at the end of its log (see routesSummary), if it got that far. */
export function routeCounts(logTail: string | null | undefined): RouteCounts | undefined {
  const match = logTail?.match(/Prerendered routes: (\d+) rendered, (\d+) reused/)
  return match ? { rendered: Number(match[1]), reused: Number(match[2]) } : undefined
}

/**
 * `astro build` into the staging folder, with the builds' own cache: an incremental build,
 * which re-renders only the pages whose code or content changed (web/src/cms/cacheKey.ts).
 */
function runAstroBuild(): Promise<AstroBuild> {
  const { webDir, stagingDir, cacheDir } = publishingSettings()
  return new Promise((resolve) => {
    // Astro's own bin, not `pnpm exec`: no package manager is needed where the CMS runs (the image).
    const child = spawn(path.join(webDir, 'node_modules', '.bin', 'astro'), ['build', '--outDir', stagingDir], {
      cwd: webDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        CMS_URL: process.env.SITE_BUILD_CMS_URL || cmsUrl(),
        SITE_URL: siteUrl(),
        ASTRO_CACHE_DIR: cacheDir,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    let partialLine = ''
    const routes: RouteCounts = { rendered: 0, reused: 0 }
    const keep = (chunk: Buffer) => {
      const text = chunk.toString()
      log = (log + text).slice(-4 * LOG_TAIL)
      const lines = (partialLine + text).split('\n')
      partialLine = lines.pop()!
      for (const line of lines) countRoute(stripAnsi(line), routes)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', (error) => resolve({ ok: false, log: `${log}\n${error.message}`, routes }))
    child.on('exit', (code) => {
      countRoute(stripAnsi(partialLine), routes)
      resolve({ ok: code === 0, log, routes })
    })
  })
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
 * Builds the site into a fresh folder and, only if that succeeds, makes it live. A failed
 * build is recorded with its log and leaves the live site exactly as it was. Builds are
 * incremental: pages whose code and content are unchanged are reused from the previous build,
 * and the log ends with how many were rendered and reused.
 */
export const buildSiteTask: TaskConfig<'buildSite'> = {
  slug: 'buildSite',
  label: 'Build the public site',
  // A failed build is recorded; the next change or "Rebuild now" tries again.
  retries: 0,
  inputSchema: [{ name: 'build', type: 'number', required: true }],
  handler: async ({ input, req }) => {
    const { payload } = req
    const { buildsDir, stagingDir, keep } = publishingSettings()
    await withBuildLock(payload, async () => {
      const startedAt = new Date()
      if (!(await claimQueuedBuild(payload, input.build, startedAt))) return

      const outDir = path.join(buildsDir, String(input.build))
      await rm(outDir, { recursive: true, force: true })
      await rm(stagingDir, { recursive: true, force: true })
      const { ok, log, routes } = await runAstroBuild()
      const built = ok && existsSync(path.join(stagingDir, 'client', 'index.html'))
      if (built) await rename(stagingDir, outDir)
      const finishedAt = new Date()
      const result = {
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        logTail: (stripAnsi(log) + (built ? `\n${routesSummary(routes)}` : '')).slice(-LOG_TAIL),
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
