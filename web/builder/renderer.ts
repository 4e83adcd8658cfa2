/**
 * Publishing without building: the site's pages rendered again, with new content, by the code of
 * the builder's last full build, into a copy of that build.
 *
 * A build of the site is mostly Vite bundling code that a publish did not change (about 1.1 s of
 * 1.3 s on the seeded site, on two cores). The pages' code takes its content at render time, not
 * from the bundles (src/cms/content.ts), so the renderer Astro used for a full build can render the
 * next content just as well. `keepRenderer()` keeps it when a full build runs in this process;
 * `renderSite()` then makes each later build: a copy of the previous build (its bundles, scripts,
 * styles, images, media), every page rendered afresh (pages whose `cacheKey` is unchanged are
 * kept, as Astro's incremental build would), the pages no longer there removed, and the steps that
 * run after a build run again (sitemap, search index, precompressing, the content file).
 *
 * It falls back to a full build (`RenderRefused`) when a page needs what only a build makes: an
 * optimised image that is not in the previous build yet (a new cover), or a response a static
 * file cannot hold (a redirect). The warm builder (main.ts) does that fallback; the publishing
 * test (cms/tests/warmBuilder.e2e.test.ts) compares every kind of edit, rendered so, with a cold
 * full build, byte for byte.
 *
 * Run with Node's type stripping, outside Vite (like main.ts): it imports nothing of the site's.
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer, PathWithRoute } from 'astro'

/**
 * A route's output in a build: its file (relative to client/), the key it was rendered for, the
 * page that rendered it, and the `/_astro/` files it links (styles, scripts, optimised images).
 */
type RouteOutput = { file: string; cacheKey: string | undefined; component: string; links: string[] }
/** What a build's routes wrote, by pathname: tells the next render what to keep and what to remove. */
export type BuildOutputs = Map<string, RouteOutput>

/** Everything of a full build that later renders use. */
export type KeptRenderer = {
  /** Astro's own prerenderer, set up with the build's code loaded. */
  astros: AstrosPrerenderer
  /** The site's address pages were rendered at (Astro.url, canonical links). */
  site: URL
  /** The build's integrations, in order, for their `astro:build:done` steps; the adapter's (server output) is left out. */
  doneSteps: { name: string; step: NonNullable<AstroIntegration['hooks']['astro:build:done']> }[]
  logger: AstroIntegrationLogger
  /** Astro's function that names an optimised image's file (see withStaticImages). */
  addStaticImage: unknown
  /** What the full build's routes wrote. */
  outputs: BuildOutputs
  /** Astro's prerender bundle: where the build made it (and its code imports its modules from), and a copy of it. */
  bundle: { dir: string; copy: string }
}

/** A render that cannot make this build; a full build must. */
export class RenderRefused extends Error {
  override name = 'RenderRefused'
}

/** Where Astro writes a route's output (build.format 'directory', trailingSlash 'never', as astro.config.mjs sets). */
export function outputFile({ pathname, route }: PathWithRoute): string {
  const relative = pathname.replace(/^\/+/, '')
  if (route.type === 'endpoint') return relative
  if (pathname === '/404' || pathname === '/500') return `${relative}.html`
  return relative ? `${relative}/index.html` : 'index.html'
}

/** Every `/_astro/…` file a text output links (styles, scripts, optimised images). */
const assetLinks = (text: string) => [...new Set(text.match(/\/_astro\/[^\s"'(),?#]+/g))]
const isText = (file: string) => /\.(html|xml|json|txt)$/.test(file)

/** What a full build's routes wrote, read from its client/ folder. */
async function outputsOf(paths: PathWithRoute[], client: string): Promise<BuildOutputs> {
  const outputs: BuildOutputs = new Map()
  for (const each of paths) {
    const file = outputFile(each)
    const text = isText(file) ? await readFile(path.join(client, file), 'utf8').catch(() => '') : ''
    outputs.set(each.pathname, { file, cacheKey: each.cacheKey, component: each.route.component, links: assetLinks(text) })
  }
  return outputs
}

/** Where this process keeps its copy of a full build's prerender bundle (see keepRenderer). */
const bundleCopyOf = (pid: number) => path.join(tmpdir(), `site-renderer-${pid}`)

/** Removes the copies left by builder processes that are gone (stopped with SIGKILL, which they cannot clean up after). */
export async function removeLeftBundleCopies(): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const pid = /^site-renderer-(\d+)$/.exec(name)?.[1]
    if (!pid || Number(pid) === process.pid) continue
    try {
      process.kill(Number(pid), 0)
    } catch (error) {
      // ESRCH: no such process (EPERM would be one alive, of another user).
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') await rm(path.join(tmpdir(), name), { recursive: true, force: true })
    }
  }
}

/*
 * Where this reaches into Astro's build, for want of a public API (Astro 7.3): besides naming
 * Astro's own prerender entry and keeping its prerender bundle (server/.prerender/, see
 * keepRenderer), two things:
 *
 * - Astro keeps the function that names optimised images (and notes them to be made) on a global
 *   while it builds, and removes it afterwards; without it, pages would link images through the
 *   on-demand /_image endpoint instead of the files a build makes. A render puts it back while it
 *   runs (withStaticImages).
 * - Astro's own prerenderer keeps each route's getStaticPaths() result for the build it was made
 *   for: a render clears it first, or a report page would show the report as it was then
 *   (freshRoutes). Without a cache to clear, a render refuses, and every build is a full one.
 *
 * An Astro upgrade that changes either fails cms/tests/warmBuilder.e2e.test.ts.
 */
type AstroAssetsGlobal = { astroAsset?: { addStaticImage?: unknown } }
const astroAssets = globalThis as AstroAssetsGlobal

async function withStaticImages<T>(addStaticImage: unknown, render: () => Promise<T>): Promise<T> {
  astroAssets.astroAsset ??= {}
  astroAssets.astroAsset.addStaticImage = addStaticImage
  try {
    return await render()
  } finally {
    delete astroAssets.astroAsset.addStaticImage
  }
}

/** Astro's default prerenderer, as it is once set up: its app and that app's route cache. */
type AstrosPrerenderer = AstroPrerenderer & { app?: { routeCache?: { clearAll?: () => void } } }

function freshRoutes(astros: AstrosPrerenderer): void {
  const routeCache = astros.app?.routeCache
  if (typeof routeCache?.clearAll !== 'function') throw new RenderRefused('Astro’s route cache cannot be cleared')
  routeCache.clearAll()
}

/**
 * An integration for the warm builder's full builds: it keeps Astro's prerenderer (set through the
 * adapter API, wrapping Astro's own), the build's integrations and what the build's routes wrote.
 * `onKept` gets them once the build is done.
 */
export function keepRenderer(onKept: (renderer: KeptRenderer) => void): AstroIntegration {
  const name = 'warm-builder-renderer'
  let kept: Partial<KeptRenderer> = {}
  let serverDir: URL | undefined
  let paths: PathWithRoute[] = []
  return {
    name,
    hooks: {
      'astro:config:done': ({ config, logger }) => {
        if (!config.site) throw new Error('astro.config.mjs sets no `site`: pages cannot be rendered at their address.')
        serverDir = config.build.server
        kept = {
          site: new URL(config.site),
          logger,
          doneSteps: config.integrations.flatMap((integration) => {
            const step = integration.hooks['astro:build:done']
            return step && integration.name !== config.adapter?.name && integration.name !== name ? [{ name: integration.name, step }] : []
          }),
        }
      },
      // Astro builds its own prerender entry only when no adapter set a prerenderer: named here, as Astro names it.
      'astro:build:setup': ({ vite }) => {
        const prerender = vite.environments?.prerender?.build?.rolldownOptions
        if (prerender) prerender.input ??= 'astro/entrypoints/prerender'
      },
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer((astros: AstrosPrerenderer) => {
          kept.astros = astros
          return {
            ...astros,
            name,
            getStaticPaths: async () => {
              paths = await astros.getStaticPaths()
              kept.addStaticImage = astroAssets.astroAsset?.addStaticImage
              return paths
            },
          }
        })
      },
      // Astro deletes its prerender bundle once the pages are made, but the pages' code imports
      // some of its modules only when first needed (the image service, for a cover the build did
      // not have): kept, to be put back where it was while a render runs.
      'astro:build:generated': async () => {
        const dir = path.join(fileURLToPath(serverDir!), '.prerender')
        const copy = bundleCopyOf(process.pid)
        await rm(copy, { recursive: true, force: true })
        await cp(dir, copy, { recursive: true })
        kept.bundle = { dir, copy }
      },
      'astro:build:done': async ({ dir }) => {
        const { astros, site, doneSteps, logger, addStaticImage, bundle } = kept
        if (!astros || !site || !doneSteps || !logger || !bundle) return
        onKept({ astros, site, doneSteps, logger, addStaticImage, bundle, outputs: await outputsOf(paths, fileURLToPath(dir)) })
      },
    },
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  )

export type RenderResult = { outputs: BuildOutputs; rendered: number; reused: number }

/**
 * Makes in `to` the build of the current content: the previous build (made with the renderer's
 * code, in `previous.dir`, its routes' `outputs`) copied, its routes rendered again. Throws
 * RenderRefused when only a full build can make it; any other error is the content's or the
 * code's, as a build's would be.
 */
export async function renderSite(renderer: KeptRenderer, previous: { dir: string; outputs: BuildOutputs }, to: string): Promise<RenderResult> {
  const { astros, site, doneSteps, logger, addStaticImage, bundle } = renderer
  if (path.join(to, 'server', '.prerender') !== bundle.dir) throw new RenderRefused('the build goes to another folder than the full build went to')
  freshRoutes(astros)
  await cp(previous.dir, to, { recursive: true })
  const client = path.join(to, 'client')
  const outputs: BuildOutputs = new Map()
  const pageNames: string[] = []
  let rendered = 0
  let reused = 0
  /** Removes a file the build no longer has, with its compressed copies (precompressing makes the others again). */
  const remove = async (file: string) => {
    for (const variant of ['', '.br', '.gz']) await rm(path.join(client, file + variant), { force: true })
  }
  await cp(bundle.copy, bundle.dir, { recursive: true })
  try {
    await withStaticImages(addStaticImage, async () => {
      for (const each of await astros.getStaticPaths()) {
        const { pathname, route, cacheKey } = each
        const file = outputFile(each)
        if (route.type === 'page') pageNames.push(pathname.replace(/^\//, ''))
        const before = previous.outputs.get(pathname)
        if (cacheKey !== undefined && before?.cacheKey === cacheKey && before.component === route.component && (await exists(path.join(client, file)))) {
          outputs.set(pathname, before)
          reused++
          continue
        }
        const result = await astros.render(new Request(new URL(pathname, site)), { routeData: route })
        const response = result instanceof Response ? result : result.response
        if (response.status >= 300 && response.status < 400) throw new RenderRefused(`${pathname} answers with a redirect`)
        rendered++
        // As Astro: no file for a response without a body.
        if (response.body === null) {
          await remove(file)
          continue
        }
        const body = Buffer.from(await response.arrayBuffer())
        await mkdir(path.dirname(path.join(client, file)), { recursive: true })
        await writeFile(path.join(client, file), body)
        outputs.set(pathname, { file, cacheKey, component: route.component, links: isText(file) ? assetLinks(body.toString('utf8')) : [] })
      }
    })
  } finally {
    // Not part of the build.
    await rm(bundle.dir, { recursive: true, force: true })
  }
  const linked = new Set([...outputs.values()].flatMap((output) => output.links))
  for (const link of linked) {
    if (!(await exists(path.join(client, decodeURI(link))))) throw new RenderRefused(`a page links ${link}, which only a full build makes`)
  }
  // What the previous build had and this one has not: pages and files no longer published, and
  // the optimised images only they showed.
  const files = new Set([...outputs.values()].map((output) => output.file))
  for (const { file, links } of previous.outputs.values()) {
    if (!files.has(file)) await remove(file)
    for (const link of links) if (!linked.has(link)) await remove(decodeURI(link))
  }
  const dir = pathToFileURL(client + path.sep)
  for (const { name, step } of doneSteps) {
    await step({ pages: pageNames.map((pathname) => ({ pathname })), dir, assets: new Map(), logger: logger.fork(name) })
  }
  return { outputs, rendered, reused }
}
