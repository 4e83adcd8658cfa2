import type { SanitizedConfig } from 'payload'
import { getPayload } from 'payload'

import { applyMigrations } from '../db/migrate'
import { seedFirstAdmin } from './firstAdmin'
import { seedContent } from './seed'

/**
 * `payload prepare`: brings a database up to date before the server starts. Applies the
 * committed migrations, creates the first admin on a fresh install, and loads the
 * organization's copy into an empty one. Safe to run at every start.
 */
export async function script(config: SanitizedConfig): Promise<void> {
  try {
    const payload = await getPayload({ config, cron: false })
    await applyMigrations(payload)
    await seedFirstAdmin(payload)
    await seedContent(payload)
    await payload.destroy()
  } catch (error) {
    console.error("Preparing the database failed:", error, JSON.stringify((error as { data?: unknown }).data))
    process.exit(1)
  }
}
