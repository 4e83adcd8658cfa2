import { spawn } from 'node:child_process'
import path from 'node:path'

import { freePort, webDir } from '../setup/builtSite'

/**
 * Serves a built site with the production site server (web/server.mjs), its on-demand routes
 * talking to the given CMS.
 */
export async function serveBuild(buildDir: string, cmsUrl: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort()
  const server = spawn(process.execPath, [path.join(webDir, 'server.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CMS_URL: cmsUrl, SITE_DIST: buildDir },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await fetch(url).then((r) => r.status, () => 0)) === 200) return { url, stop: () => server.kill() }
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill()
  throw new Error(`The built site did not answer at ${url}`)
}
