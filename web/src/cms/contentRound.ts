/**
 * Which published content the site's pages are rendered with, shared on `globalThis`: the pages'
 * code runs in module graphs of its own (Vite's while building, the bundles of each build
 * afterwards), and the processes around it (the warm builder, the site server) tell it from
 * outside.
 *
 * - A build reads the CMS once, at its first page, and every page of it shows that one reading.
 *   The warm builder starts a new round for each build it is asked for (`startContentRound`);
 *   `astro build` has one round, the whole process.
 * - The site server's on-demand pages show the content of the build they belong to, read from
 *   that build's folder (`serveContentFrom`).
 * - `astro dev` reads the CMS again whenever the CMS says published content changed
 *   (`startContentRound`, from integrations/cmsRefresh.ts).
 *
 * This module imports nothing: the warm builder runs it with Node's type stripping, outside Vite.
 */

/** The file a build keeps its content in, beside its client/ and server/ folders. */
export const SITE_CONTENT_FILE = 'site-content.json'

type Shared = {
  /** Bumped for each reading of the CMS. */
  round: number
  /** The content of the current round, once asked for: a promise of what src/cms/siteContent.ts reads. */
  reading?: { round: number; content: Promise<unknown> }
  /** When set, pages take their content from here instead of reading the CMS (the site server). */
  source?: () => Promise<unknown>
}

const SHARED = Symbol.for('advocacy-site.content-round')
const holder = globalThis as { [SHARED]?: Shared }
const shared = (): Shared => (holder[SHARED] ??= { round: 0 })

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

/** The site server: pages take their content from `source` (the live build's, as its file holds it). */
export function serveContentFrom(source: () => Promise<unknown>): void {
  shared().source = source
}

/** The content the site server hands pages, as read from a build's file (unchecked), if it does. */
export const servedContent = (): Promise<unknown> | undefined => shared().source?.()
