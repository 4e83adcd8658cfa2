import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll } from 'vitest'

import { freePort } from '../../src/db/freePort'
import type { SiteBuild } from '../../src/payload-types'
import { type CmsServer, startCmsServer } from './cmsServer'
import { waitUntilAnswering } from './waitUntilAnswering'

const webDir = path.resolve(import.meta.dirname, '../../../web')

/**
 * Real site builds for a test file: a builds folder of its own (SITE_BUILDS_DIR, inside web/ as
 * builds must be), and a CMS server on the test database for the builds to read content from.
 * Both are gone after the file's tests. Call at the top of the file, before Payload starts.
 */
export function siteBuildsForTests(name: string) {
  const buildsDir = path.join(webDir, '.test-builds', `${name}-${randomUUID()}`)
  process.env.SITE_BUILDS_DIR = buildsDir
  let cms: CmsServer | undefined
  afterAll(async () => {
    await cms?.stop()
    rmSync(buildsDir, { recursive: true, force: true })
  })
  return {
    buildsDir,
    /** Starts the CMS server that builds read (SITE_BUILD_CMS_URL). */
    async startCms(databaseUrl: string): Promise<CmsServer> {
      cms = await startCmsServer(databaseUrl)
      process.env.SITE_BUILD_CMS_URL = cms.url
      return cms
    },
  }
}

/**
 * Waits until no build is queued or running, and returns every build, oldest first. Runs the site
 * build queue itself, unless a job runner of its own does (`runJobs: false`).
 */
export async function settledBuilds(payload: Payload, { runJobs = true, timeout = 150_000 } = {}): Promise<SiteBuild[]> {
  const deadline = Date.now() + timeout
  for (;;) {
    if (runJobs) await payload.jobs.run({ queue: 'site', limit: 5 })
    const { docs } = await payload.find({ collection: 'site-builds', sort: 'id', limit: 0, pagination: false, depth: 0 })
    if (!docs.some((b) => b.status === 'queued' || b.status === 'running')) return docs
    if (Date.now() > deadline) throw new Error(`Builds did not settle: ${JSON.stringify(docs)}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

/**
 * The site server (web/dist-server/server.mjs, bundled by the global setup) on the live build,
 * once it answers; on a free port unless given, its sign-up journal in the builds folder.
 */
export async function serveLiveSite(buildsDir: string, { port, env = {} }: { port?: number; env?: Record<string, string> } = {}) {
  const listenOn = port ?? (await freePort())
  const child = spawn(process.execPath, [path.join(webDir, 'dist-server', 'server.mjs')], {
    env: {
      ...process.env,
      SITE_DATA_DIR: path.join(buildsDir, '.site-data'),
      ...env,
      SITE_DIST: path.join(buildsDir, 'live'),
      PORT: String(listenOn),
      HOST: '127.0.0.1',
    },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${listenOn}`
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const stop = () => child.kill()
  /** SIGKILL: the site server dies at once, mid-request, as in a crash. */
  const kill = async () => {
    child.kill('SIGKILL')
    await exited
  }
  await waitUntilAnswering(url, { what: `The site server on ${buildsDir}/live`, timeoutMs: 30_000, intervalMs: 200 }).catch((error: unknown) => {
    stop()
    throw error
  })
  return { url, port: listenOn, stop, kill }
}
