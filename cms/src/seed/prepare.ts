import type { SanitizedConfig } from 'payload'
import { createLocalReq, getPayload } from 'payload'

import { refreshMediaUse } from '../collections/Media/publishedUse'
import { applyMigrations } from '../db/migrate'
import { requestFirstBuild } from '../publishing/requestSiteBuild'
import { seedFirstAdmin } from './firstAdmin'
import { seedContent } from './seed'

/**
 * `payload prepare`: brings a database up to date before the server starts. Applies the
 * committed migrations, creates the first admin on a fresh install, loads the organization's
 * copy into an empty one, marks which media published content uses (for a database from before
 * that was tracked, or restored from such a backup), and, with publishing on, queues a first
 * site build if none is live. Safe to run at every start.
 */
export async function script(config: SanitizedConfig): Promise<void> {
  try {
    // No onInit: this short-lived process must not start running jobs.
    const payload = await getPayload({ config, cron: false, disableOnInit: true })
    await applyMigrations(payload)
    await seedFirstAdmin(payload)
    await seedContent(payload)
    await refreshMediaUse(await createLocalReq({}, payload))
    await requestFirstBuild(payload)
    await payload.destroy()
  } catch (error) {
    console.error('Preparing the database failed:', error, JSON.stringify((error as { data?: unknown }).data))
    process.exit(1)
  }
}
