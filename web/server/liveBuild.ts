import type { IncomingMessage, ServerResponse } from 'node:http'
import { realpathSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import sirv from 'sirv'

import type { SignupOutcome } from '../src/newsletter/edge'

/** The locals the site server hands Astro's on-demand routes (see src/env.d.ts). */
export type ServerLocals = { signupOutcome?: SignupOutcome }

/** Astro's Node adapter handler (middleware mode): on-demand routes, and the 404 page. */
type AstroHandler = (request: IncomingMessage, response: ServerResponse, next?: () => void, locals?: ServerLocals) => Promise<void>

export type Build = {
  dir: string
  /** Static files: precompressed variants, revalidated HTML, immutable hashed assets; calls `next` when there is none. */
  files: (request: IncomingMessage, response: ServerResponse, next: () => void) => void
  /** Astro's handler; it waits for the build's server bundle to load, and rejects if it cannot. */
  astro: AstroHandler
  /** When the server bundle is loaded; rejects if it cannot be. */
  ready: Promise<void>
}

/** Hashed file names change with their content: cached for a year. Everything else is revalidated. */
const cacheControl = (pathname: string) => (pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache')

/**
 * A build, ready to serve its static files at once: its server bundle (Astro's handler, for the
 * on-demand routes and the 404 page) loads meanwhile. Loading it takes 70–120 ms, and the first
 * request after a publish is most often for a page that just changed, a static file.
 */
function openBuild(dir: string): Build {
  const handler = import(pathToFileURL(path.join(dir, 'server', 'entry.mjs')).href).then((entry: { handler: AstroHandler }) => entry.handler)
  // Reported to the request that needs it (and to whoever awaits `ready`).
  handler.catch(() => {})
  const files = sirv(path.join(dir, 'client'), {
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders: (response, pathname) => response.setHeader('Cache-Control', cacheControl(pathname)),
  })
  return {
    dir,
    files,
    astro: async (request, response, next, locals) => (await handler)(request, response, next, locals),
    ready: handler.then(() => undefined),
  }
}

/**
 * The build that SITE_DIST points to, looked up for every request: publishing repoints `live`
 * at each new build, and a request is served wholly by the build it was pointing to when the
 * request came in, old or new, never a mix. Each build is opened once (one whose server bundle
 * failed to load is opened afresh by the next request); the newest few are kept.
 */
export function liveBuild(dist: string, keep = 3) {
  const builds = new Map<string, Build>()
  return function current(): Build {
    const dir = realpathSync(dist)
    let build = builds.get(dir)
    if (!build) {
      const opened = openBuild(dir)
      builds.set(dir, opened)
      opened.ready.catch(() => builds.get(dir) === opened && builds.delete(dir))
      for (const old of [...builds.keys()].slice(0, -keep)) builds.delete(old)
      build = opened
    }
    return build
  }
}
