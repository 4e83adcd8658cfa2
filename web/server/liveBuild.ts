import type { IncomingMessage, ServerResponse } from 'node:http'
import { realpathSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { MEDIA_CONTENT_SECURITY_POLICY } from 'cms/contract'
import sirv from 'sirv'

import { servingContentOf, SITE_CONTENT_FILE } from '../src/cms/contentRound'
import type { SignupOutcome } from '../src/newsletter/edge'

/** The locals the site server hands Astro's on-demand routes (see src/env.d.ts). */
export type ServerLocals = { clientAddress?: string; signupOutcome?: SignupOutcome }

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
  const files = sirv(path.join(dir, 'client'), {
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders: (response, pathname) => {
      response.setHeader('Cache-Control', cacheControl(pathname))
      // Uploaded files: beside the site's policy, one under which nothing in them runs (as nginx sends them).
      if (pathname.startsWith('/media/')) response.appendHeader('Content-Security-Policy', MEDIA_CONTENT_SECURITY_POLICY)
    },
  })
  const ready = handler.then(() => undefined)
  // A failure is reported to each request that needs the handler, and to whoever awaits `ready`.
  ready.catch(() => {})
  // The content its pages were rendered with, read when first asked for (again after a failed read).
  let read: Promise<unknown> | undefined
  const content = () =>
    (read ??= readFile(path.join(dir, SITE_CONTENT_FILE), 'utf8')
      .then(JSON.parse)
      .catch((error: unknown) => {
        read = undefined
        throw new Error(`The build in ${dir} has no readable ${SITE_CONTENT_FILE}: ${error instanceof Error ? error.message : String(error)}`)
      }))
  return {
    dir,
    files,
    // Its pages show its own content (src/cms/contentRound.ts), whichever build is live meanwhile.
    astro: (request, response, next, locals) => servingContentOf(content, async () => (await handler)(request, response, next, locals)),
    ready,
  }
}

/**
 * The build that SITE_DIST points to, looked up for every request: publishing repoints `live`
 * at each new build, and a request is served wholly by the build it was pointing to when the
 * request came in, old or new, never a mix. Each build is opened once, and the newest few are
 * kept. A build never changes once live, so one whose server bundle failed to load stays as it is:
 * its static files are served, its on-demand requests fail (Node would give the same error again).
 */
export function liveBuild(dist: string, keep = 3) {
  const builds = new Map<string, Build>()
  return function current(): Build {
    const dir = realpathSync(dist)
    let build = builds.get(dir)
    if (!build) {
      build = openBuild(dir)
      builds.set(dir, build)
      for (const old of [...builds.keys()].slice(0, -keep)) builds.delete(old)
    }
    return build
  }
}
