import path from 'node:path'

import { freePort } from '../../src/db/freePort'
import { spawnGroup } from './processGroup'

const cmsDir = path.resolve(import.meta.dirname, '../..')

export type CmsServer = {
  url: string
  port: number
  stop: () => Promise<void>
  /** Ends it the hard way (SIGKILL, as a crash or the OOM killer would), waiting until it is gone. */
  kill: () => Promise<void>
}

/**
 * Runs the CMS (`next dev`, its own build folder) against the given database, for browser tests.
 * Resolves once the REST API answers. It runs no jobs unless `runJobs` (as a single-process
 * install does); tests run them themselves or with a separate worker.
 */
export async function startCmsServer(
  databaseUrl: string,
  { runJobs = false, timeoutMs = 150_000, port: onPort, env = {} }: { runJobs?: boolean; timeoutMs?: number; port?: number; env?: Record<string, string> } = {},
): Promise<CmsServer> {
  const port = onPort ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const server = spawnGroup('pnpm', ['exec', 'next', 'dev', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: cmsDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CMS_URL: url,
      // One build folder per vitest worker: Next.js refuses a second dev server on the same one,
      // and a kept folder spares the next run most of the compiling.
      NEXT_DIST_DIR: `.next-test-${process.env.VITEST_POOL_ID ?? '0'}`,
      NEXT_TELEMETRY_DISABLED: '1',
      PAYLOAD_JOBS_AUTORUN: String(runJobs),
      ...env,
    },
  })
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.hasExited()) throw new Error(`The CMS server exited early:\n${server.output()}`)
    try {
      const response = await fetch(`${url}/api/users/me`)
      if (response.ok) return { url, port, stop: server.stop, kill: server.kill }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  await server.stop()
  throw new Error(`The CMS server did not answer within ${timeoutMs / 1000}s:\n${server.output()}`)
}
