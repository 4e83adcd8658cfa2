/**
 * The warm site builder: a long-lived process that builds the site with Astro's programmatic
 * build() whenever the CMS's job runner asks (over the IPC channel Node sets up when it forks
 * this process). Starting Node, Astro and Vite for every build took most of a build's time; here
 * they start once, and each build only reads the content and renders.
 *
 * Asks: { build: number, outDir, env } (env: CMS_URL, SITE_URL, ASTRO_CACHE_DIR for the build).
 * Answers: { build, ok, log, routes: { rendered, reused } }, when the build is done.
 * Run with Node's TypeScript support (`node --experimental-strip-types`): the job runner starts
 * it (cms/src/publishing/siteBuilder.ts), one build at a time.
 */
import { stripVTControlCharacters } from 'node:util'

import { build } from 'astro'

import { startContentRound } from '../src/cms/contentRound.ts'

type Ask = { build: number; outDir: string; env: Record<string, string> & { CMS_URL: string } }
/** Prerendered routes (pages, feeds) of a build: rendered afresh, or reused from the previous build. */
type RouteCounts = { rendered: number; reused: number }

const LOG_TAIL = 16_000

/** Astro logs each prerendered route as `├─ /path (+4ms)` when rendered, `(restored)` or `(cached)` when reused. */
function countRoute(line: string, routes: RouteCounts) {
  if (!/[├└]─ \S/.test(line)) return
  if (/\((restored|cached)\)\s*$/.test(line)) routes.reused++
  else if (/\(\+[\d.]+m?s\)/.test(line)) routes.rendered++
}

/** Runs `work` with everything written to stdout and stderr kept (and not shown): the build's log. */
async function capturingOutput(work: () => Promise<void>): Promise<{ log: string; error?: unknown }> {
  let log = ''
  const writes = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream)
    stream.write = ((chunk: string | Uint8Array) => {
      log = (log + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())).slice(-4 * LOG_TAIL)
      return true
    }) as typeof stream.write
    return () => (stream.write = write)
  })
  try {
    await work()
    return { log }
  } catch (error) {
    return { log, error }
  } finally {
    for (const restore of writes) restore()
  }
}

let queue = Promise.resolve()
process.on('message', (ask: Ask) => {
  queue = queue.then(async () => {
    Object.assign(process.env, ask.env, { ASTRO_TELEMETRY_DISABLED: '1' })
    // Every page of this build reads the CMS's content of now (src/cms/contentRound.ts).
    startContentRound()
    const { log, error } = await capturingOutput(() => build({ root: process.cwd(), outDir: ask.outDir, logLevel: 'info' }))
    const routes: RouteCounts = { rendered: 0, reused: 0 }
    for (const line of stripVTControlCharacters(log).split('\n')) countRoute(line, routes)
    const text = stripVTControlCharacters(log) + (error ? `\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}` : '')
    process.send!({ build: ask.build, ok: !error, log: text.slice(-LOG_TAIL), routes })
  })
})
// The job runner is this process's only reason to live: when it goes, so does this.
process.on('disconnect', () => process.exit(0))
process.send!({ ready: true })
