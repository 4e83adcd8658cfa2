/**
 * Which published content the site's pages are rendered with, shared on `globalThis`: the pages'
 * code runs in module graphs of its own (Vite's while building, the bundles of each build
 * afterwards), and the processes around it (the warm builder, the site server) tell it from
 * outside.
 *
 * - A build reads the CMS once, at its first page, and every page of it shows that one reading.
 *   The warm builder starts a new round for each build it is asked for (`startContentRound`);
 *   `astro build` has one round, the whole process.
 * - The site server's on-demand pages show the content of the build that serves the request,
 *   read from that build's folder (`servingContentOf`).
 * - `astro dev` reads the CMS again whenever the CMS says published content changed
 *   (`startContentRound`, from integrations/cmsRefresh.ts).
 *
 * This module imports only Node's: the warm builder runs it with Node's type stripping, outside Vite.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The file a build keeps its content in, beside its client/ and server/ folders. The same name as
 * cms/contract's SITE_CONTENT_FILE (the CMS reads it to say what a rollback changes), written
 * again because this module imports only Node's; tests/siteContent.test.ts holds them equal.
 */
export const SITE_CONTENT_FILE = 'site-content.json'

type Shared = {
  /** Bumped for each reading of the CMS. */
  round: number
  /** The content of the current round, once asked for: a promise of what src/cms/siteContent.ts reads. */
  reading?: { round: number; content: Promise<unknown> }
  /** The site server's: for the request being served, where its build's content comes from. */
  served: AsyncLocalStorage<() => Promise<unknown>>
}

const SHARED = Symbol.for('advocacy-site.content-round')
const holder = globalThis as { [SHARED]?: Shared }
function shared(): Shared {
  const state = (holder[SHARED] ??= { round: 0, served: new AsyncLocalStorage() })
  // Made by an older copy of this module (the dev server reloads modules in place): brought up to date.
  state.served ??= new AsyncLocalStorage()
  return state
}

/** From now on, pages read the CMS afresh (once, for all of them). */
export function startContentRound(): void {
  const state = shared()
  state.round++
  state.reading = undefined
}

/** The current round's content, read with `read` by the first page that asks. */
export function roundContent<T>(read: () => Promise<T>, { retryFailed = false } = {}): Promise<T> {
  const state = shared()
  if (state.reading?.round === state.round) return state.reading.content as Promise<T>
  const content = read()
  state.reading = { round: state.round, content }
  // In development a failed reading is tried again by the next page rather than kept.
  if (retryFailed) content.catch(() => state.reading?.content === content && (state.reading = undefined))
  return content
}

/** The site server: while `serve` runs, pages take their content from `source` (its build's, as its file holds it). */
export function servingContentOf<T>(source: () => Promise<unknown>, serve: () => T): T {
  return shared().served.run(source, serve)
}

/** The content the site server hands the page being served, as read from its build's file (unchecked), if it does. */
export const servedContent = (): Promise<unknown> | undefined => shared().served.getStore()?.()
