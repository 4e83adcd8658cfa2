import { randomBytes } from 'node:crypto'
import path from 'node:path'

import { freePort } from '../src/db/freePort'
import { spawnGroup } from '../tests/helpers/processGroup'
import { waitUntilAnswering } from '../tests/helpers/waitUntilAnswering'

/** Where bench/setup/productionBuild.ts builds the CMS. */
export const PRODUCTION_DIST = '.next-bench'

/** Settings of a production install: NODE_ENV=production, real secrets, the job runner apart. */
export const productionEnv: Record<string, string> = {
  NODE_ENV: 'production',
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  NEWSLETTER_SITE_TOKEN: randomBytes(32).toString('hex'),
  NEXT_DIST_DIR: PRODUCTION_DIST,
  NEXT_TELEMETRY_DISABLED: '1',
  PAYLOAD_JOBS_AUTORUN: 'false',
}

/** The CMS as production runs it (`next start` on the production build), once it answers. */
export async function startProductionCms(databaseUrl: string, { port, env = {} }: { port?: number; env?: Record<string, string> } = {}) {
  const listenOn = port ?? (await freePort())
  const url = `http://127.0.0.1:${listenOn}`
  const server = spawnGroup('pnpm', ['exec', 'next', 'start', '--port', String(listenOn), '--hostname', '127.0.0.1'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, ...productionEnv, DATABASE_URL: databaseUrl, CMS_URL: url, ...env },
  })
  await waitUntilAnswering(`${url}/api/users/me`, { what: 'The production CMS', timeoutMs: 60_000, exited: server.hasExited, details: server.output })
  return { url, port: listenOn, processGroup: server.pid, stop: server.stop, kill: server.kill }
}
