import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Where site builds go, and whether publishing builds the site at all: it does when
 * SITE_BUILDS_DIR is set (production); in development the Astro dev server reloads instead.
 * Builds must live inside web/ (their server code resolves web's packages from there).
 */
export const publishingSettings = () => ({
  enabled: Boolean(process.env.SITE_BUILDS_DIR),
  buildsDir: path.resolve(process.env.SITE_BUILDS_DIR || path.join(repoDir, 'web', '.builds')),
  webDir: path.join(repoDir, 'web'),
  /** Successful builds kept on disk for rollback. */
  keep: Number(process.env.SITE_BUILDS_KEEP || 5),
})
