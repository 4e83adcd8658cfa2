import type { SanitizedConfig } from 'payload'
import { getPayload } from 'payload'

/**
 * `payload worker`: the job runner as a process of its own (`pnpm --filter cms worker`): site
 * builds, scheduled publishing, email retries. Run the CMS beside it with PAYLOAD_JOBS_AUTORUN=false
 * so that jobs run here only; either can then be restarted without the other. Jobs wait in
 * PostgreSQL meanwhile, so a restart loses nothing.
 */
export async function script(config: SanitizedConfig): Promise<void> {
  process.env.PAYLOAD_JOBS_AUTORUN = 'true'
  const payload = await getPayload({ config, cron: true })
  payload.logger.info('Job runner started: site builds, scheduled publishing, newsletter emails')
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name))
  })
  payload.logger.info(`Job runner stopping (${signal})`)
  await payload.destroy()
  process.exit(0)
}
