/**
 * Reads published content from the CMS's REST API. Every failure names the CMS and what was
 * being read, so a failed build says where to look.
 */
export class CmsError extends Error {
  override name = 'CmsError'
}

export type CmsClientOptions = {
  cmsUrl: string
  /** Documents per request; Payload's default of 10 would leave most of a long list unread. */
  pageSize?: number
  fetch?: typeof globalThis.fetch
}

type PaginatedDocs<T> = { docs: T[]; hasNextPage: boolean; page?: number; totalPages?: number }

export function createCmsClient({ cmsUrl, pageSize = 100, fetch = globalThis.fetch }: CmsClientOptions) {
  const base = cmsUrl.replace(/\/+$/, '')

  async function getJson(path: string, what: string): Promise<unknown> {
    const url = `${base}${path}`
    let response: Response
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(30_000) })
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
      // A host with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError
      // whose own message is empty; the reasons are in its errors.
      const reason =
        cause instanceof AggregateError && !cause.message
          ? cause.errors.map((each) => (each instanceof Error ? each.message : String(each))).join('; ')
          : cause instanceof Error
            ? cause.message
            : String(cause)
      throw new CmsError(`Could not reach the CMS at ${base} to load ${what} (GET ${path}): ${reason}`)
    }
    if (!response.ok) {
      throw new CmsError(`The CMS at ${base} answered ${response.status} ${response.statusText} when loading ${what} (GET ${path})`)
    }
    try {
      return await response.json()
    } catch {
      throw new CmsError(`The CMS at ${base} sent something that is not JSON when loading ${what} (GET ${path})`)
    }
  }

  /** Every published document of a collection, page by page, in the CMS's default order. */
  async function findAll<T>(collection: string, { depth = 1 }: { depth?: number } = {}): Promise<T[]> {
    const docs: T[] = []
    for (let page = 1; ; page++) {
      const path = `/api/${collection}?depth=${depth}&limit=${pageSize}&page=${page}&draft=false`
      const body = (await getJson(path, `"${collection}"`)) as Partial<PaginatedDocs<T>>
      if (!Array.isArray(body?.docs) || typeof body.hasNextPage !== 'boolean') {
        throw new CmsError(`The CMS at ${base} sent an unexpected list for "${collection}" (GET ${path}): no docs/hasNextPage`)
      }
      docs.push(...body.docs)
      if (!body.hasNextPage) return docs
    }
  }

  /** The published state of a global. */
  async function findGlobal<T>(slug: string, { depth = 1 }: { depth?: number } = {}): Promise<T> {
    return (await getJson(`/api/globals/${slug}?depth=${depth}&draft=false`, `the "${slug}" global`)) as T
  }

  return { cmsUrl: base, findAll, findGlobal }
}

export type CmsClient = ReturnType<typeof createCmsClient>
