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
  astro: AstroHandler
}

/** Hashed file names change with their content: cached for a year. Everything else is revalidated. */
const cacheControl = (pathname: string) => (pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache')

async function loadBuild(dir: string): Promise<Build> {
  const entry = (await import(pathToFileURL(path.join(dir, 'server', 'entry.mjs')).href)) as { handler: AstroHandler }
  const files = sirv(path.join(dir, 'client'), {
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders: (response, pathname) => response.setHeader('Cache-Control', cacheControl(pathname)),
  })
  return { dir, files, astro: entry.handler }
}

/**
 * The build that SITE_DIST points to, looked up for every request: publishing repoints `live`
 * at each new build, and a request is served wholly by the build it was pointing to when the
 * request came in, old or new, never a mix. Each build's handlers are loaded once; the newest
 * few are kept.
 */
export function liveBuild(dist: string, keep = 3) {
  const builds = new Map<string, Promise<Build>>()
  return function current(): Promise<Build> {
    const dir = realpathSync(dist)
    let build = builds.get(dir)
    if (!build) {
      build = loadBuild(dir)
      builds.set(dir, build)
      build.catch(() => builds.delete(dir))
      for (const old of [...builds.keys()].slice(0, -keep)) builds.delete(old)
    }
    return build
  }
}
