/**
 * The Astro content loaders and the CMS REST client, run against a real HTTP server that answers
 * like Payload's REST API, with a small in-memory stand-in for Astro's loader context.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Loader, LoaderContext } from 'astro/loaders'
import { z } from 'astro/zod'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { CmsError, createCmsClient } from '../src/cms/client'
import { cmsLoaders } from '../src/cms/loaders'

// ---------------------------------------------------------------------------------------------
// A Payload-shaped REST server whose content each test sets.

type CmsDoc = { id: number | string; title?: unknown; order?: unknown }

type Request = { path: string; collection?: string; global?: string; query: Record<string, string> }

type CmsState = {
  collections: Record<string, CmsDoc[]>
  globals: Record<string, unknown>
  /** Every request the server answered, in order. */
  requests: Request[]
  /** Answers a request itself instead of the default behaviour when it returns true. */
  respond?: (request: Request, res: ServerResponse) => boolean
}

let cms: CmsState
let server: Server
let cmsUrl: string
/** A port on which nothing listens. */
let closedPortUrl: string

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://cms.invalid')
  const query = Object.fromEntries(url.searchParams)
  const globalMatch = /^\/api\/globals\/([^/]+)$/.exec(url.pathname)
  const collectionMatch = /^\/api\/([^/]+)$/.exec(url.pathname)
  const request: Request = {
    path: url.pathname + url.search,
    query,
    global: globalMatch?.[1],
    collection: globalMatch ? undefined : collectionMatch?.[1],
  }
  cms.requests.push(request)
  if (cms.respond?.(request, res)) return

  if (req.method !== 'GET') return sendJson(res, 405, { errors: [{ message: 'Method not allowed' }] })
  if (request.global) {
    if (!(request.global in cms.globals)) return sendJson(res, 404, { errors: [{ message: 'Not Found' }] })
    return sendJson(res, 200, cms.globals[request.global])
  }
  if (request.collection) {
    const all = cms.collections[request.collection]
    if (!all) return sendJson(res, 404, { errors: [{ message: 'Not Found' }] })
    // As Payload: every document with pagination=false, else pages of `limit` (10 by default).
    const limit = query.pagination === 'false' ? Math.max(1, all.length) : Number(query.limit ?? 10)
    const page = Number(query.page ?? 1)
    const totalPages = Math.max(1, Math.ceil(all.length / limit))
    return sendJson(res, 200, {
      docs: all.slice((page - 1) * limit, page * limit),
      hasNextPage: page < totalPages,
      hasPrevPage: page > 1,
      page,
      totalPages,
      totalDocs: all.length,
      limit,
    })
  }
  sendJson(res, 404, { errors: [{ message: 'Not Found' }] })
}

beforeAll(async () => {
  server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cmsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  closedPortUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
  await new Promise<void>((resolve, reject) => closed.close((error) => (error ? reject(error) : resolve())))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
})

beforeEach(() => {
  cms = { collections: {}, globals: {}, requests: [] }
})

// ---------------------------------------------------------------------------------------------
// A minimal stand-in for Astro's LoaderContext.

type StoredEntry = { id: string; data: Record<string, unknown>; digest?: string }

/**
 * Like Astro's content store: collections in the order they were first written, entries in the
 * order they were first set; clear() removes the collection, so it is written anew at the end.
 */
type Collections = Map<string, Map<string, StoredEntry>>

function createContext(collection: string, schema: z.ZodType<Record<string, unknown>>, collections: Collections = new Map()) {
  const entries = () => collections.get(collection) ?? new Map<string, StoredEntry>()
  /** How many times set() was called for each id: what the loader wrote. */
  const setCalls = new Map<string, number>()
  const store = {
    get: (id: string) => entries().get(id),
    set: (entry: StoredEntry) => {
      setCalls.set(entry.id, (setCalls.get(entry.id) ?? 0) + 1)
      collections.set(collection, entries().set(entry.id, { ...entry }))
      return true
    },
    delete: (id: string) => void entries().delete(id),
    keys: () => [...entries().keys()],
    has: (id: string) => entries().has(id),
    values: () => [...entries().values()],
    entries: () => [...entries().entries()],
    clear: () => void collections.delete(collection),
  }
  const metaValues = new Map<string, string>()
  const meta = {
    get: (key: string) => metaValues.get(key),
    set: (key: string, value: string) => void metaValues.set(key, value),
    has: (key: string) => metaValues.has(key),
    delete: (key: string) => void metaValues.delete(key),
  }
  const noop = () => {}
  const context = {
    collection,
    store,
    meta,
    logger: { info: noop, warn: noop, error: noop, debug: noop },
    config: {},
    async parseData({ id, data }: { id: string; data: Record<string, unknown> }) {
      const result = await schema.safeParseAsync(data)
      if (!result.success) {
        // Astro throws an error naming the collection, the entry and each failing field.
        const issues = result.error.issues.map((issue) => `  **${issue.path.join('.')}**: ${issue.message}`)
        throw new Error(`**${collection} → ${id}** data does not match collection schema.\n${issues.join('\n')}`)
      }
      return result.data
    },
    generateDigest: (data: Record<string, unknown> | string) =>
      createHash('sha1')
        .update(typeof data === 'string' ? data : JSON.stringify(data))
        .digest('hex'),
  }
  return { context: context as unknown as LoaderContext, store, setCalls }
}

// ---------------------------------------------------------------------------------------------

const faqSchema = z.object({ title: z.string().min(1), order: z.number().int() })
type FaqEntry = z.infer<typeof faqSchema>
const faqToEntry = (doc: CmsDoc): FaqEntry => ({ title: doc.title as string, order: doc.order as number })

const faq = (id: number | string, title: unknown = `Question ${id}`): CmsDoc => ({ id, title, order: Number(id) || 0 })

function faqLoader(url: string, toEntry = faqToEntry) {
  return cmsLoaders(createCmsClient({ cmsUrl: url })).collection<CmsDoc, FaqEntry>('faqs', { toEntry })
}

/** The error a load failed with; fails the test when the load succeeds. */
async function loadError(loader: Loader, context: LoaderContext): Promise<Error> {
  const error = await loader.load(context).then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!(error instanceof Error)) throw new Error(`expected ${loader.name} to fail, but it ${error === undefined ? 'succeeded' : `threw ${String(error)}`}`)
  return error
}

const faqRequests = () => cms.requests.filter((request) => request.collection === 'faqs')

describe('cmsLoaders().collection: one request for the whole list', () => {
  it('reads 250 documents in one request (pagination=false) and stores all of them in the CMS order', async () => {
    // Ids that do not sort the same as strings or numbers, so the check sees the CMS's order.
    const ids = Array.from({ length: 250 }, (_, i) => (i * 37) % 250 || 'zero')
    cms.collections.faqs = ids.map((id) => faq(id))
    const { context, store } = createContext('faqs', faqSchema)

    await faqLoader(cmsUrl).load(context)

    expect(faqRequests().map((request) => request.query)).toEqual([{ depth: '1', pagination: 'false', draft: 'false' }])
    expect(store.keys()).toEqual(ids.map(String))
    expect(store.get('37')?.data).toEqual({ title: 'Question 37', order: 37 })
    expect(store.get('zero')?.data).toEqual({ title: 'Question zero', order: 0 })
  })

  it('refuses a list that says it has more pages (a CMS that ignored pagination=false), and keeps the store as it was', async () => {
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      sendJson(res, 200, { docs: [faq(1), faq(2)], hasNextPage: true, page: 1, totalPages: 2, totalDocs: 4, limit: 2 })
      return true
    }
    const { context, store } = createContext('faqs', faqSchema)
    store.set({ id: 'kept', data: { title: 'Kept', order: 0 } })

    const error = await loadError(faqLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toBe(`The CMS at ${cmsUrl} sent only part of "faqs" (GET /api/faqs?depth=1&pagination=false&draft=false): it has more pages`)
    expect(store.keys()).toEqual(['kept'])
  })

  it('asks for the configured depth', async () => {
    cms.collections.faqs = [faq(1)]
    const { context, store } = createContext('faqs', faqSchema)
    const client = createCmsClient({ cmsUrl: `${cmsUrl}/` })

    await cmsLoaders(client).collection<CmsDoc, FaqEntry>('faqs', { toEntry: faqToEntry, depth: 0 }).load(context)

    expect(client.cmsUrl).toBe(cmsUrl)
    expect(faqRequests().map((request) => request.path)).toEqual(['/api/faqs?depth=0&pagination=false&draft=false'])
    expect(store.keys()).toEqual(['1'])
  })
})

describe('cmsLoaders().collection: keeping the store in step with the CMS', () => {
  it('removes an entry the CMS no longer has and keeps the others', async () => {
    cms.collections.faqs = [faq('A'), faq('B'), faq('C')]
    const { context, store } = createContext('faqs', faqSchema)
    const loader = faqLoader(cmsUrl)

    await loader.load(context)
    expect(store.keys()).toEqual(['A', 'B', 'C'])

    cms.collections.faqs = [faq('A'), faq('C')]
    await loader.load(context)

    expect(store.has('B')).toBe(false)
    expect(store.keys()).toEqual(['A', 'C'])
    expect(store.get('A')?.data).toEqual({ title: 'Question A', order: 0 })
    expect(store.get('C')?.data).toEqual({ title: 'Question C', order: 0 })
  })

  it('empties the store when the CMS collection becomes empty', async () => {
    cms.collections.faqs = [faq(1), faq(2)]
    const { context, store } = createContext('faqs', faqSchema)
    const loader = faqLoader(cmsUrl)
    await loader.load(context)
    expect(store.keys()).toHaveLength(2)

    cms.collections.faqs = []
    await loader.load(context)

    expect(store.keys()).toEqual([])
  })

  it('uses idOf for the entry id', async () => {
    const withSlugs = [
      { ...faq(1), slug: 'first' },
      { ...faq(2), slug: 'second' },
    ]
    cms.collections.faqs = withSlugs
    const { context, store } = createContext('faqs', faqSchema)
    const loader = cmsLoaders(createCmsClient({ cmsUrl })).collection<CmsDoc & { slug: string }, FaqEntry>('faqs', {
      idOf: (doc) => doc.slug,
      toEntry: faqToEntry,
    })

    await loader.load(context)

    expect(store.keys()).toEqual(['first', 'second'])
  })

  it('does not convert again documents whose digest is unchanged, and converts only a changed one', async () => {
    cms.collections.faqs = [faq(1), faq(2), faq(3)]
    const { context, store } = createContext('faqs', faqSchema)
    const toEntry = vi.fn(faqToEntry)
    const parseData = vi.spyOn(context, 'parseData')
    const loader = faqLoader(cmsUrl, toEntry)

    await loader.load(context)
    expect(toEntry).toHaveBeenCalledTimes(3)
    expect(parseData).toHaveBeenCalledTimes(3)

    await loader.load(context)
    expect(toEntry).toHaveBeenCalledTimes(3)
    expect(parseData).toHaveBeenCalledTimes(3)
    expect(store.get('1')?.data).toEqual({ title: 'Question 1', order: 1 })

    cms.collections.faqs = [faq(1), faq(2, 'Question 2, reworded'), faq(3)]
    await loader.load(context)
    expect(toEntry).toHaveBeenCalledTimes(4)
    expect(toEntry).toHaveBeenLastCalledWith(faq(2, 'Question 2, reworded'))
    expect(parseData).toHaveBeenCalledTimes(4)
    expect(store.get('2')?.data).toEqual({ title: 'Question 2, reworded', order: 2 })
    expect(store.keys()).toEqual(['1', '2', '3'])
  })

  it('follows the CMS when it reorders documents, as a first load of the new order would store them', async () => {
    cms.collections.faqs = [faq(1), faq(2), faq(3)]
    const { context, store } = createContext('faqs', faqSchema)
    const loader = faqLoader(cmsUrl)
    await loader.load(context)

    cms.collections.faqs = [faq(3), faq(1), faq(2)]
    await loader.load(context)

    expect(store.keys()).toEqual(['3', '1', '2'])
  })
})

describe('cmsLoaders: a build is reproducible', () => {
  const settingsSchema = z.object({ heading: z.string() })
  /** Runs every loader at once, as Astro does, on one content store; returns the store's collection order. */
  async function syncAll(collections: Collections, delays: Record<string, number>) {
    cms.respond = (request, res) => {
      const name = request.collection ?? request.global!
      setTimeout(() => sendJson(res, 200, request.global ? { heading: name } : { docs: [faq(1)], hasNextPage: false }), delays[name])
      return true
    }
    const load = cmsLoaders(createCmsClient({ cmsUrl }))
    const loaders = [
      ['settings', load.global('site-settings', { toEntry: (doc: { heading: string }) => doc }), settingsSchema],
      ['values', load.collection<CmsDoc, FaqEntry>('values', { toEntry: faqToEntry }), faqSchema],
      ['faqs', load.collection<CmsDoc, FaqEntry>('faqs', { toEntry: faqToEntry }), faqSchema],
    ] as const
    await Promise.all(loaders.map(([name, loader, schema]) => loader.load(createContext(name, schema, collections).context)))
    return [...collections.keys()]
  }

  it('writes collections in the order the loaders were made, whichever CMS request finishes first', async () => {
    const fresh: Collections = new Map()
    expect(await syncAll(fresh, { 'site-settings': 60, values: 30, faqs: 0 })).toEqual(['settings', 'values', 'faqs'])
    // A store kept from an earlier build whose collections were written in another order.
    const kept: Collections = new Map([
      ['faqs', new Map()],
      ['values', new Map()],
      ['settings', new Map()],
    ])
    expect(await syncAll(kept, { 'site-settings': 0, values: 30, faqs: 60 })).toEqual(['settings', 'values', 'faqs'])
  })

  it('does not leave the loaders after a failed one waiting', async () => {
    cms.respond = (request, res) => {
      if (request.collection === 'values') sendJson(res, 500, {})
      else sendJson(res, 200, { docs: [faq(1)], hasNextPage: false })
      return true
    }
    const load = cmsLoaders(createCmsClient({ cmsUrl }))
    const values = load.collection<CmsDoc, FaqEntry>('values', { toEntry: faqToEntry })
    const faqs = load.collection<CmsDoc, FaqEntry>('faqs', { toEntry: faqToEntry })
    const collections: Collections = new Map()
    const results = await Promise.allSettled(
      [values, faqs].map((loader, i) => loader.load(createContext(['values', 'faqs'][i]!, faqSchema, collections).context)),
    )
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled'])
    expect([...collections.keys()]).toEqual(['faqs'])
  })
})

describe('cmsLoaders().collection: failures name the CMS, the collection and the problem', () => {
  /** A store filled by a good load, and a snapshot to compare with after a failed one. */
  async function loadedContext() {
    cms.collections.faqs = [faq(1), faq(2)]
    const loaded = createContext('faqs', faqSchema)
    await faqLoader(cmsUrl).load(loaded.context)
    expect(loaded.store.keys()).toEqual(['1', '2'])
    return { ...loaded, before: structuredClone(loaded.store.entries()) }
  }

  it('rejects with a CmsError naming the CMS URL and the collection when the CMS is unreachable, leaving the store as it was', async () => {
    const { context, store, setCalls, before } = await loadedContext()

    const error = await loadError(faqLoader(closedPortUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.name).toBe('CmsError')
    expect(error.message).toContain(`Could not reach the CMS at ${closedPortUrl}`)
    expect(error.message).toContain('"faqs"')
    expect(error.message).toContain('ECONNREFUSED')
    expect(store.entries()).toEqual(before)
    expect(Object.fromEntries(setCalls)).toEqual({ 1: 1, 2: 1 })
  })

  it('says why the CMS could not be reached when the connection error is an AggregateError (localhost with IPv4 and IPv6)', async () => {
    // What Node's fetch throws when every address of a host refuses: the cause is an AggregateError
    // with an empty message and one error per address.
    const refused = Object.assign(new AggregateError([new Error('connect ECONNREFUSED ::1:3000'), new Error('connect ECONNREFUSED 127.0.0.1:3000')], ''), {
      code: 'ECONNREFUSED',
    })
    const fetch = (async () => {
      throw new TypeError('fetch failed', { cause: refused })
    }) as typeof globalThis.fetch
    const loader = cmsLoaders(createCmsClient({ cmsUrl: 'http://localhost:3000', fetch })).collection<CmsDoc, FaqEntry>('faqs', { toEntry: faqToEntry })

    const error = await loadError(loader, createContext('faqs', faqSchema).context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain('Could not reach the CMS at http://localhost:3000 to load "faqs"')
    expect(error.message).toContain('connect ECONNREFUSED 127.0.0.1:3000')
  })

  it('rejects naming the status when the CMS answers 500, leaving the store as it was', async () => {
    const { context, store, before } = await loadedContext()
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      sendJson(res, 500, { errors: [{ message: 'Something went wrong.' }] })
      return true
    }

    const error = await loadError(faqLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} answered 500 Internal Server Error when loading "faqs"`)
    expect(error.message).toContain('GET /api/faqs?')
    expect(store.entries()).toEqual(before)
  })

  it('rejects naming the problem when the CMS sends something that is not JSON', async () => {
    const { context, store, before } = await loadedContext()
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!doctype html><title>Proxy login</title>')
      return true
    }

    const error = await loadError(faqLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent something that is not JSON when loading "faqs"`)
    expect(store.entries()).toEqual(before)
  })

  it.each([
    ['without docs', { hasNextPage: false, totalDocs: 0 }],
    ['without hasNextPage', { docs: [faq(1)], totalDocs: 1 }],
    ['whose docs is not a list', { docs: { 0: faq(1) }, hasNextPage: false }],
    ['that is null', null],
  ])('rejects naming the problem when the CMS sends a list %s', async (_, body) => {
    const { context, store, before } = await loadedContext()
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      sendJson(res, 200, body)
      return true
    }

    const error = await loadError(faqLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent an unexpected list for "faqs"`)
    expect(error.message).toContain('no docs/hasNextPage')
    expect(store.entries()).toEqual(before)
  })

  it.each([
    ['a title that is a number', { id: 7, title: 42, order: 7 }],
    ['no title', { id: 7, order: 7 }],
    ['an empty title', { id: 7, title: '', order: 7 }],
  ])('rejects naming the document id when a document has %s', async (_, invalid: CmsDoc) => {
    cms.collections.faqs = [faq(1), invalid, faq(8)]
    const { context } = createContext('faqs', faqSchema)

    const error = await loadError(faqLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent invalid content in "faqs" "7"`)
    expect(error.message).toContain('title')
  })

  it('rejects a list with two documents of the same id', async () => {
    cms.collections.faqs = [faq(1), faq(3), faq(2), faq(3, 'Another question 3')]
    const { context } = createContext('faqs', faqSchema)

    const error = await loadError(faqLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toBe(`The CMS at ${cmsUrl} sent two "faqs" with the id "3"`)
  })

  it('keeps entries from an earlier load when a later one finds an invalid document', async () => {
    const { context, store } = await loadedContext()
    cms.collections.faqs = [faq(1, 99)]

    const error = await loadError(faqLoader(cmsUrl), context)

    expect(error.message).toContain(`invalid content in "faqs" "1"`)
    expect(store.keys()).toEqual(['1', '2'])
    expect(store.get('1')?.data).toEqual({ title: 'Question 1', order: 1 })
  })
})

describe('cmsLoaders().global', () => {
  const homeSchema = z.object({ heading: z.string().min(1) })
  const homeToEntry = (doc: { heading?: unknown }) => ({ heading: doc.heading })
  const homeLoader = (url: string) => cmsLoaders(createCmsClient({ cmsUrl: url })).global('home', { toEntry: homeToEntry })

  it('stores exactly one entry whose id is the global slug', async () => {
    cms.globals.home = { id: 12, globalType: 'home', heading: 'Welcome' }
    const { context, store, setCalls } = createContext('home', homeSchema)

    await homeLoader(cmsUrl).load(context)

    expect(cms.requests.map((request) => request.path)).toEqual(['/api/globals/home?depth=1&draft=false'])
    expect(store.keys()).toEqual(['home'])
    expect(store.get('home')?.data).toEqual({ heading: 'Welcome' })

    cms.globals.home = { id: 12, globalType: 'home', heading: 'Welcome back' }
    await homeLoader(cmsUrl).load(context)
    expect(store.keys()).toEqual(['home'])
    expect(store.get('home')?.data).toEqual({ heading: 'Welcome back' })
    expect(Object.fromEntries(setCalls)).toEqual({ home: 2 })
  })

  it('rejects naming the CMS URL and the global when the CMS is unreachable, leaving the store as it was', async () => {
    cms.globals.home = { heading: 'Welcome' }
    const { context, store } = createContext('home', homeSchema)
    await homeLoader(cmsUrl).load(context)

    const error = await loadError(homeLoader(closedPortUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`Could not reach the CMS at ${closedPortUrl} to load the "home" global`)
    expect(error.message).toContain('/api/globals/home')
    expect(store.get('home')?.data).toEqual({ heading: 'Welcome' })
  })

  it('rejects naming the CMS URL, the global and the status when the global does not exist', async () => {
    const { context } = createContext('home', homeSchema)

    const error = await loadError(homeLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} answered 404 Not Found when loading the "home" global`)
  })

  it('rejects naming the global when its content is invalid', async () => {
    cms.globals.home = { heading: 7 }
    const { context, store } = createContext('home', homeSchema)

    const error = await loadError(homeLoader(cmsUrl), context)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent invalid content in the "home" global "home"`)
    expect(error.message).toContain('heading')
    expect(store.keys()).toEqual([])
  })
})

describe('the CMS client shared by the build, the preview and the site server', () => {
  it('reads again after a failing answer, so a CMS restarting does not fail a build', async () => {
    cms.globals.home = { heading: 'Home' }
    let failures = 2
    cms.respond = (_request, res) => {
      if (failures-- <= 0) return false
      sendJson(res, 503, { errors: [{ message: 'Restarting' }] })
      return true
    }
    const client = createCmsClient({ cmsUrl, retryDelaysMs: [10, 10] })
    expect(await client.findGlobal('home')).toEqual({ heading: 'Home' })
    expect(cms.requests).toHaveLength(3)
  })

  it('gives up after its retries, and never repeats an answer that is final (404)', async () => {
    cms.respond = (_request, res) => (sendJson(res, 502, {}), true)
    const failing = await createCmsClient({ cmsUrl, retryDelaysMs: [10] })
      .getJson('/api/globals/home', 'the home page')
      .catch((error: unknown) => error)
    expect(failing).toMatchObject({ name: 'CmsError', status: 502 })
    expect(cms.requests).toHaveLength(2)

    cms.respond = undefined
    cms.requests = []
    const missing = await createCmsClient({ cmsUrl, retryDelaysMs: [10] })
      .getJson('/api/globals/nothing', 'nothing')
      .catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(CmsError)
    expect(missing).toMatchObject({ status: 404, message: `The CMS at ${cmsUrl} answered 404 Not Found when loading nothing (GET /api/globals/nothing)` })
    expect(cms.requests).toHaveLength(1)
  })

  it('sends a POST once, with the shared secret, and hands back any answer below 500 with its body', async () => {
    const seen: { authorization?: string; body: string }[] = []
    const capture = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        seen.push({ authorization: req.headers.authorization, body })
        if (seen.length === 1) sendJson(res, 410, { status: 'expired' })
        else sendJson(res, 500, {})
      })
    })
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`
    try {
      const client = createCmsClient({ cmsUrl: url, token: 'shared-secret', retryDelaysMs: [10, 10] })
      expect(await client.postJson('/api/newsletter/confirm', 'a confirm link', { token: 't' })).toEqual({ status: 410, body: { status: 'expired' } })
      const failed = await client.postJson('/api/newsletter/confirm', 'a confirm link', { token: 't' }).catch((error: unknown) => error)
      expect(failed).toMatchObject({ name: 'CmsError', status: 500 })
      expect((failed as Error).message).toContain('when sending a confirm link (POST /api/newsletter/confirm)')
      expect(seen).toEqual([
        { authorization: 'Bearer shared-secret', body: '{"token":"t"}' },
        { authorization: 'Bearer shared-secret', body: '{"token":"t"}' },
      ])
    } finally {
      await new Promise<void>((resolve) => capture.close(() => resolve()))
    }
  })

  it('names the CMS and the request when it cannot be reached', async () => {
    const error = await createCmsClient({ cmsUrl: closedPortUrl, retryDelaysMs: [] })
      .postJson('/api/newsletter/signups', '2 sign-ups', {})
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'CmsError', status: undefined })
    expect((error as Error).message).toMatch(
      new RegExp(`^Could not reach the CMS at ${closedPortUrl} to send 2 sign-ups \\(POST /api/newsletter/signups\\): .*ECONNREFUSED`),
    )
  })
})
