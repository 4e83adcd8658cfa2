import path from 'node:path'

import { spawnGroup } from './processGroup'

const cmsDir = path.resolve(import.meta.dirname, '../..')

/**
 * A job runner as production runs it (`pnpm --filter cms worker`: site builds, scheduled
 * publishing, confirmation emails) on the given database, in a process of its own.
 */
export function startWorker(databaseUrl: string, env: Record<string, string> = {}) {
  const runner = spawnGroup('pnpm', ['exec', 'tsx', 'scripts/with-db.ts', '--', 'payload', 'worker'], {
    cwd: cmsDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, PAYLOAD_JOBS_CRON: '* * * * *', ...env },
  })
  const started = () => runner.output().includes('Job runner started')
  return {
    ...runner,
    started,
    /** Resolves once it runs jobs; rejects if it exits or takes longer than `timeoutMs`. */
    async ready(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs
      while (!started()) {
        if (runner.hasExited() || Date.now() > deadline) throw new Error(`The job runner did not start:\n${runner.output()}`)
        await new Promise((r) => setTimeout(r, 250))
      }
    },
  }
}
