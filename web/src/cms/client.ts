/**
 * The one way the site talks to the CMS over HTTP: the build's reading of the content, the preview route
 * and the site server's newsletter calls all go through it. Every failure is a CmsError that names
 * the CMS, the request and what was being done, so a failed build or a 503 says where to look.
 */
export class CmsError extends Error {
  override name = 'CmsError'
  constructor(
    message: string,
    /** The CMS's HTTP status, when it answered; undefined when it could not be reached. */
    readonly status?: number,
  ) {
    super(message)
  }
}

export type CmsClientOptions = {
  cmsUrl: string
  /** Sent as `Authorization: Bearer …`: the secret the site server shares with the CMS. */
  token?: string
  /** How long one request may take before it counts as failed. */
  timeoutMs?: number
  /** Waits before each retry of a read that failed for want of a CMS (GETs only: they are safe to repeat). */
  retryDelaysMs?: readonly number[]
  fetch?: typeof globalThis.fetch
}

type PaginatedDocs<T> = { docs: T[]; hasNextPage: boolean }

/** Why a request never got an answer; a host with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError whose own message is empty. */
function unreachableReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (cause instanceof AggregateError && !cause.message) return cause.errors.map((each) => (each instanceof Error ? each.message : String(each))).join('; ')
  return cause instanceof Error ? cause.message : String(cause)
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How a message names what a request was for: "to load …" / "when loading …". */
const verbs = { GET: ['load', 'loading'], POST: ['send', 'sending'] } as const

export function createCmsClient({ cmsUrl, token, timeoutMs = 30_000, retryDelaysMs = [250, 1000], fetch = globalThis.fetch }: CmsClientOptions) {
  const base = cmsUrl.replace(/\/+$/, '')
  const headers: Record<string, string> = { Accept: 'application/json', ...(token && { Authorization: `Bearer ${token}` }) }

  /** One request: the answer whatever its status, or a CmsError when the CMS could not be reached. */
  async function send(method: 'GET' | 'POST', path: string, what: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw new CmsError(`Could not reach the CMS at ${base} to ${verbs[method][0]} ${what} (${method} ${path}): ${unreachableReason(error)}`)
    }
  }

  const failure = (response: Response, method: 'GET' | 'POST', path: string, what: string, problem = `answered ${response.status} ${response.statusText}`) =>
    new CmsError(`The CMS at ${base} ${problem} when ${verbs[method][1]} ${what} (${method} ${path})`, response.status)
  const notJson = (response: Response, method: 'GET' | 'POST', path: string, what: string) =>
    failure(response, method, path, what, 'sent something that is not JSON')

  /**
   * A GET's JSON answer; any status but 2xx is a CmsError carrying it. Unreachable or failing
   * (5xx) reads are retried after each of `retryDelaysMs`: a CMS restarting does not fail a build.
   */
  async function getJson(path: string, what: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const retry = attempt < retryDelaysMs.length
      let response: Response
      try {
        response = await send('GET', path, what)
      } catch (error) {
        if (!retry) throw error
        await pause(retryDelaysMs[attempt]!)
        continue
      }
      if (response.ok) return response.json().catch(() => Promise.reject(notJson(response, 'GET', path, what)))
      await response.body?.cancel()
      if (response.status >= 500 && retry) {
        await pause(retryDelaysMs[attempt]!)
        continue
      }
      throw failure(response, 'GET', path, what)
    }
  }

  /**
   * A POST, sent once (the CMS's actions are not all safe to repeat; callers that may retry do so
   * themselves). Answers below 500 come back with their status and JSON body (`{}` if it had none);
   * an unreachable CMS or a 5xx is a CmsError.
   */
  async function postJson(path: string, what: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const response = await send('POST', path, what, body)
    if (response.status >= 500) {
      await response.body?.cancel()
      throw failure(response, 'POST', path, what)
    }
    const text = await response.text()
    try {
      return { status: response.status, body: text ? JSON.parse(text) : {} }
    } catch {
      throw notJson(response, 'POST', path, what)
    }
  }

  /**
   * Every published document of a collection, in the CMS's default order, in one request
   * (`pagination=false`), so which documents are in the list is one state of the collection. Read
   * page by page, a document published or deleted between two pages would shift the others, and
   * one could be read twice or not at all; and each page is one more round trip.
   */
  async function findAll<T>(collection: string, { depth = 1 }: { depth?: number } = {}): Promise<T[]> {
    const path = `/api/${collection}?depth=${depth}&pagination=false&draft=false`
    const body = (await getJson(path, `"${collection}"`)) as Partial<PaginatedDocs<T>>
    if (!Array.isArray(body?.docs) || typeof body.hasNextPage !== 'boolean') {
      throw new CmsError(`The CMS at ${base} sent an unexpected list for "${collection}" (GET ${path}): no docs/hasNextPage`)
    }
    // A CMS that ignored pagination=false sent its first page only: building from it would drop the rest.
    if (body.hasNextPage) throw new CmsError(`The CMS at ${base} sent only part of "${collection}" (GET ${path}): it has more pages`)
    return body.docs
  }

  /** The published state of a global. */
  async function findGlobal<T>(slug: string, { depth = 1 }: { depth?: number } = {}): Promise<T> {
    return (await getJson(`/api/globals/${slug}?depth=${depth}&draft=false`, `the "${slug}" global`)) as T
  }

  return { cmsUrl: base, getJson, postJson, findAll, findGlobal }
}

export type CmsClient = ReturnType<typeof createCmsClient>
