import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freePort, waitUntilAnswering } from 'cms/testing'

import { webDir } from '../setup/builtSite'

/**
 * Serves a built site with the production site server (web/dist-server/server.mjs, bundled by the
 * global setup), its on-demand routes and sign-up hand-over talking to the given CMS, its sign-up
 * journal in a folder of its own (`dataDir`).
 */
export async function serveBuild(
  buildDir: string,
  cmsUrl: string,
  env: Record<string, string> = {},
): Promise<{ url: string; dataDir: string; stop: () => void }> {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'site-data-'))
  const server = spawn(process.execPath, [path.join(webDir, 'dist-server', 'server.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CMS_URL: cmsUrl, SITE_DIST: buildDir, SITE_DATA_DIR: dataDir, ...env },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}`
  await waitUntilAnswering(url, { what: 'The built site', timeoutMs: 10_000 }).catch((error: unknown) => {
    server.kill()
    throw error
  })
  return { url, dataDir, stop: () => server.kill() }
}
