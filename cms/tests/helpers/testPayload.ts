import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Payload, SanitizedConfig } from 'payload'
import { getPayload } from 'payload'
import { inject } from 'vitest'

/**
 * A Payload instance on a fresh database of its own, brought up by the committed migrations
 * exactly as `pnpm dev` and production do. Call once per test file (the config reads the
 * environment when first imported).
 */
export async function startTestPayload({ jobsCron }: { jobsCron?: string } = {}): Promise<{
  payload: Payload
  config: SanitizedConfig
  databaseUrl: string
}> {
  const databaseUrl = `${inject('databaseServer')}/test_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  process.env.DATABASE_URL = databaseUrl
  // Jobs run only where a test asks for the runner, on the schedule it gives.
  process.env.PAYLOAD_JOBS_AUTORUN = jobsCron ? 'true' : 'false'
  if (jobsCron) process.env.PAYLOAD_JOBS_CRON = jobsCron
  process.env.MEDIA_DIR = mkdtempSync(path.join(tmpdir(), 'cms-test-media-'))
  const [{ default: configPromise }, { applyMigrations }] = await Promise.all([import('../../src/payload.config'), import('../../src/db/migrate')])
  const config = await configPromise
  const payload = await getPayload({ config, cron: Boolean(jobsCron) })
  await applyMigrations(payload)
  return { payload, config, databaseUrl }
}
