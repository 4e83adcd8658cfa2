/**
 * The warm site builder: a long-lived process that makes a build of the site whenever the CMS's
 * job runner asks (over the IPC channel Node sets up when it forks this process). Starting Node,
 * Astro and Vite for every build took most of a build's time; here they start once. The first
 * build is a full one, with Astro's programmatic build(); each later one renders the pages again
 * with that build's code into a copy of the newest build (renderer.ts), and is a full build again
 * only when a render cannot make it (a new image to optimise, a render that failed) or the newest
 * build is not this process's last (another builder's, or made with other settings). After a
 * rollback the newest build is still the one rolled away from: made with the same code, and every
 * page is rendered again with the current content, so the next build is a render too.
 *
 * Asks: { build: number, outDir, env, from?: { build, dir } } (env: CMS_URL, SITE_URL,
 * ASTRO_CACHE_DIR for the build; from: the newest build made, and its folder).
 * Answers: { build, ok, log, routes: { rendered, reused }, full }, when the build is done.
 * Run with Node's TypeScript support (`node --experimental-strip-types`): the job runner starts
 * it (cms/src/publishing/siteBuilder.ts), one build at a time.
 */
import { rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { stripVTControlCharacters } from 'node:util'

import { build } from 'astro'

import { startContentRound } from '../src/cms/contentRound.ts'
import { keepRenderer, removeLeftBundleCopies, RenderRefused, renderSite, type BuildOutputs, type KeptRenderer } from './renderer.ts'

type Ask = { build: number; outDir: string; env: Record<string, string> & { CMS_URL: string }; from?: { build: number; dir: string } }
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

/** The renderer of this process's last full build, and the last build it made, with the settings it made it with. */
let renderer: KeptRenderer | undefined
let last: { build: number; env: string; outputs: BuildOutputs } | undefined

/**
 * The build asked for, rendered with the last full build's code; or why only a full build can
 * make it (`refused`; undefined when there is nothing to render from).
 */
async function rendered(ask: Ask, env: string): Promise<{ routes: RouteCounts; outputs: BuildOutputs } | { refused?: string }> {
  if (!renderer || !last || !ask.from || ask.from.build !== last.build || env !== last.env) return {}
  try {
    const result = await renderSite(renderer, { dir: ask.from.dir, outputs: last.outputs }, ask.outDir)
    console.log(`Rendered with the code of the last full build: ${result.rendered} routes rendered, ${result.reused} kept from build ${ask.from.build}.`)
    return { routes: { rendered: result.rendered, reused: result.reused }, outputs: result.outputs }
  } catch (error) {
    await rm(ask.outDir, { recursive: true, force: true })
    if (error instanceof RenderRefused) return { refused: error.message }
    // The content's fault (the CMS down, an invalid document) fails the full build the same way;
    // anything else was the renderer's, which the full build replaces.
    console.log(error instanceof Error ? (error.stack ?? error.message) : String(error))
    return { refused: 'the render failed (above)' }
  }
}

/** A full build (Astro's build()), whose renderer is kept for the builds after it. */
async function fullBuild(ask: Ask): Promise<BuildOutputs> {
  // Its bundle copy is replaced by the new build's (same place: keepRenderer).
  renderer = undefined
  let kept: KeptRenderer | undefined
  await build({ root: process.cwd(), outDir: ask.outDir, logLevel: 'info', integrations: [keepRenderer((each) => (kept = each))] })
  if (!kept) throw new Error('The build did not keep its renderer.')
  renderer = kept
  return kept.outputs
}

let queue = Promise.resolve()
process.on('message', (ask: Ask) => {
  queue = queue.then(async () => {
    Object.assign(process.env, ask.env, { ASTRO_TELEMETRY_DISABLED: '1' })
    // Every page of this build reads the CMS's content of now (src/cms/contentRound.ts).
    startContentRound()
    const env = JSON.stringify(ask.env)
    let full = false
    let made: { outputs: BuildOutputs; routes?: RouteCounts } | undefined
    const { log, error } = await capturingOutput(async () => {
      const render = await rendered(ask, env)
      if ('routes' in render) {
        made = render
        return
      }
      full = true
      made = { outputs: await fullBuild(ask) }
      // Last, so that the end of the log (which the CMS keeps) says why.
      if (render.refused) console.log(`A full build was needed: ${render.refused}.`)
    })
    // After a failed build the job runner's newest build is still the last one made here.
    if (made && !error) last = { build: ask.build, env, outputs: made.outputs }
    const plain = stripVTControlCharacters(log)
    let routes = made?.routes
    if (!routes) {
      routes = { rendered: 0, reused: 0 }
      for (const line of plain.split('\n')) countRoute(line, routes)
    }
    const text = plain + (error ? `\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}` : '')
    process.send!({ build: ask.build, ok: !error, log: text.slice(-LOG_TAIL), routes, full })
  })
})
// The job runner is this process's only reason to live: when it goes, so does this.
process.on('disconnect', () => {
  if (renderer) rmSync(renderer.bundle.copy, { recursive: true, force: true })
  process.exit(0)
})
// Builders stopped with SIGKILL (a hung build, a code change) leave their copy behind.
await removeLeftBundleCopies().catch((error: unknown) => console.error(`Could not remove the copies left by stopped builders: ${String(error)}`))
process.send!({ ready: true })
