/**
 * Reading the CMS ahead of a build, in the warm site builder (builder/main.ts).
 *
 * Asked for a build, Astro spends about half a second starting (its config, its routes, a fresh
 * Vite server to load content.config.ts) before the content loaders send their first request. So
 * the builder sends the same requests the moment it is asked, they are answered meanwhile, and each
 * loader takes the answer to its own request instead of sending it again. The requests read ahead
 * are the ones the builder's previous build sent: a new builder (started when the site's code
 * changes, after 25 builds, or in place of one that hung) reads nothing ahead on its first build,
 * nor does any build after one whose loaders never ran. Every answer used was asked for after the
 * build was, so a build never sees content older than the change it was asked to publish; an
 * answer a build did not take is dropped at the next ask, never used later.
 *
 * Astro loads content.config.ts into a module graph of its own, so the builder and the loaders
 * meet on `globalThis`. Outside the warm builder (`astro build`, `astro dev`) there is nothing
 * there, and the loaders read as usual.
 *
 * This module imports nothing: the builder runs it with Node's type stripping, outside Vite.
 */

type ReadsAhead = {
  cmsUrl: string
  /** The GETs the current build has sent, to be read ahead for the next one: path → what it reads (for errors). */
  sent: Map<string, string>
  /** Answers under way, read ahead for the current build, each taken once. */
  answers: Map<string, Promise<unknown>>
}

const SHARED = Symbol.for('advocacy-site.cms-reads-ahead')
const shared = globalThis as { [SHARED]?: ReadsAhead }

/**
 * In the warm builder, when asked for a build: sends again every read the previous build sent to
 * the same CMS (`cmsUrl` as the client writes it: its `cmsUrl`), with `get` (the client's GET),
 * and keeps the answers for this build's loaders.
 */
export function readAhead(cmsUrl: string, get: (path: string, what: string) => Promise<unknown>): void {
  const last = shared[SHARED]
  const state: ReadsAhead = { cmsUrl, sent: new Map(), answers: new Map() }
  shared[SHARED] = state
  if (last?.cmsUrl !== cmsUrl) return
  for (const [path, what] of last.sent) {
    const answer = get(path, what)
    // A failed read is the loader's to handle when it takes the answer; one never taken is dropped.
    answer.catch(() => {})
    state.answers.set(path, answer)
  }
}

/**
 * For the content loaders' CMS client (content.config.ts): the answer read ahead for a GET to
 * `cmsUrl`, taken once, or undefined (send it). Each read is noted, to be read ahead next time.
 */
export function answersReadAhead(cmsUrl: string) {
  return (path: string, what: string): Promise<unknown> | undefined => {
    const state = shared[SHARED]
    if (state?.cmsUrl !== cmsUrl) return undefined
    state.sent.set(path, what)
    const answer = state.answers.get(path)
    state.answers.delete(path)
    return answer
  }
}
