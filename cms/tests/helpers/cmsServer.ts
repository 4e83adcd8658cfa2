import { spawn } from 'node:child_process'
import path from 'node:path'

import { freePort } from '../../src/db/freePort'

const cmsDir = path.resolve(import.meta.dirname, '../..')

export type CmsServer = { url: string; stop: () => Promise<void> }

/**
 * Runs the CMS (`next dev`, its own build folder) against the given database, for browser tests.
 * Resolves once the REST API answers. It runs no jobs unless `runJobs` (as a single-process
 * install does); tests run them themselves or with a separate worker.
 */
export async function startCmsServer(databaseUrl: string, { runJobs = false, timeoutMs = 150_000 } = {}): Promise<CmsServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn('pnpm', ['exec', 'next', 'dev', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: cmsDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CMS_URL: url,
      // One build folder per vitest worker: Next.js refuses a second dev server on the same one,
      // and a kept folder spares the next run most of the compiling.
      NEXT_DIST_DIR: `.next-test-${process.env.VITEST_POOL_ID ?? '0'}`,
      NEXT_TELEMETRY_DISABLED: '1',
      PAYLOAD_JOBS_AUTORUN: String(runJobs),
    },
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))

  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      return
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
  }

  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The CMS server exited early:\n${output}`)
    try {
      const response = await fetch(`${url}/api/users/me`)
      if (response.ok) return { url, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  await stop()
  throw new Error(`The CMS server did not answer within ${timeoutMs / 1000}s:\n${output}`)
}
