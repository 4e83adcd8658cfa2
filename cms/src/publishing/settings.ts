import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Where site builds go, and whether publishing builds the site at all: it does when
 * SITE_BUILDS_DIR is set (production); in development the Astro dev server reloads instead.
 * Builds must live inside web/ (their server code resolves web's packages from there).
 */
export function publishingSettings() {
  const buildsDir = path.resolve(process.env.SITE_BUILDS_DIR || path.join(repoDir, 'web', '.builds'))
  return {
    enabled: Boolean(process.env.SITE_BUILDS_DIR),
    buildsDir,
    webDir: path.join(repoDir, 'web'),
    /**
     * Where each build is made before it is renamed to its own folder. Always the same path:
     * Astro's image code embeds the output path, and a page is reused by an incremental build
     * only if its code is unchanged.
     */
    stagingDir: path.join(buildsDir, '.building'),
    /**
     * Astro's caches for these builds (optimised images, incremental build), kept from one full
     * build to the next so that it renders only what changed. Deleting it makes the next full
     * build render every page.
     */
    cacheDir: path.join(buildsDir, '.astro-cache'),
    /** Successful builds kept on disk for rollback. */
    keep: Number(process.env.SITE_BUILDS_KEEP || 5),
  }
}
