/**
 * The build's reading of the published content (src/cms/siteContent.ts), which reading pages get
 * (src/cms/contentRound.ts), and the CMS REST client, run against a real HTTP server that answers
 * like Payload's REST API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SITE_CONTENT_FILE as CONTRACT_SITE_CONTENT_FILE } from 'cms/contract'

import { CmsError, createCmsClient } from '../src/cms/client'
import { roundContent, servedContent, servingContentOf, SITE_CONTENT_FILE, startContentRound } from '../src/cms/contentRound'
import { checkSiteContent, readSiteContent, type SiteContent } from '../src/cms/siteContent'

// ---------------------------------------------------------------------------------------------
// A Payload-shaped REST server whose content each test sets.

type CmsDoc = { id: number | string; [field: string]: unknown }

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
// A published site as the CMS sends it.

/** Lexical rich text of one paragraph, as Payload stores it. */
const paragraph = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    children: [
      {
        type: 'paragraph',
        version: 1,
        format: '',
        indent: 0,
        direction: 'ltr',
        textFormat: 0,
        children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
      },
    ],
  },
})

const faq = (id: number | string, question: unknown = `Question ${id}?`): CmsDoc => ({
  id,
  slug: `question-${id}`,
  _order: `a${id}`,
  question,
  category: 1,
  answer: paragraph(`Answer ${id}.`),
})

function publishSite() {
  cms.globals.home = {
    vision: { heading: 'Our vision', body: paragraph('A shared future. For everyone.') },
    whoWeAre: { heading: 'Who we are', body: paragraph('People.') },
    joinCall: { heading: 'Join us', text: 'Now.' },
  }
  cms.globals['site-settings'] = {
    siteName: 'Standing Together',
    navigation: [{ label: 'FAQ', href: '/faq' }],
    socialLinks: [],
    newsletter: { heading: 'Get the Wire', pitch: 'News.', consentText: 'I agree.', consentVersion: '1' },
  }
  cms.collections.values = [{ id: 4, slug: 'partnership', _order: 'a0', title: 'Partnership', summary: 'Together.', body: paragraph('Always.') }]
  cms.collections['faq-categories'] = [{ id: 1, _order: 'a0', title: 'The basics', slug: 'the-basics' }]
  cms.collections.faqs = [faq(1), faq(2)]
  cms.collections['annual-reports'] = [
    {
      id: 9,
      slug: '5784',
      hebrewYear: 5784,
      period: '2023–2024',
      periodStart: '2023-09-16T00:00:00.000Z',
      periodEnd: '2024-10-02T00:00:00.000Z',
      title: 'Annual Report 5784',
      summary: 'A year.',
      body: paragraph('It was.'),
      updatedAt: '2024-11-01T10:00:00.000Z',
    },
  ]
}

const read = (url = cmsUrl) => readSiteContent(createCmsClient({ cmsUrl: url, retryDelaysMs: [] }))

/** The error a reading failed with; fails the test when it succeeds. */
async function readError(url = cmsUrl): Promise<Error> {
  const error = await read(url).then(
    () => undefined,
    (error: unknown) => error,
  )
  if (!(error instanceof Error)) throw new Error(`expected the reading to fail, but it ${error === undefined ? 'succeeded' : `threw ${String(error)}`}`)
  return error
}

it('keeps the content in the file the CMS reads to compare builds', () => {
  expect(SITE_CONTENT_FILE).toBe(CONTRACT_SITE_CONTENT_FILE)
})

describe('readSiteContent: everything published, in one reading', () => {
  it('reads each collection in one request (pagination=false) and each global once, and makes page-ready entries', async () => {
    publishSite()

    const content = await read()

    expect(cms.requests.map((request) => request.path).sort()).toEqual([
      '/api/annual-reports?depth=1&pagination=false&draft=false',
      '/api/faq-categories?depth=1&pagination=false&draft=false',
      // Depth 1 for FAQ entries too: the images in their answers come with them.
      '/api/faqs?depth=1&pagination=false&draft=false',
      '/api/globals/home?depth=1&draft=false',
      '/api/globals/site-settings?depth=1&draft=false',
      '/api/values?depth=1&pagination=false&draft=false',
    ])
    expect(content.home).toMatchObject({ id: 'home', data: { vision: { heading: 'Our vision', lead: 'A shared future. For everyone.' } } })
    expect(content.settings).toMatchObject({ id: 'site-settings', data: { siteName: 'Standing Together' } })
    expect(content.values).toMatchObject([{ id: 'partnership', data: { title: 'Partnership', html: '<p>Always.</p>' } }])
    expect(content.faqCategories).toEqual([{ id: '1', data: { order: 'a0', title: 'The basics', slug: 'the-basics' } }])
    expect(content.faqs.map((entry) => entry.id)).toEqual(['question-1', 'question-2'])
    expect(content.reports).toMatchObject([{ id: '5784', data: { title: 'Annual Report 5784', periodStart: new Date('2023-09-16T00:00:00.000Z') } }])
  })

  it('keeps the CMS’s order, whatever the ids', async () => {
    publishSite()
    // Ids that do not sort the same as strings or numbers, so the check sees the CMS's order.
    const ids = Array.from({ length: 250 }, (_, i) => (i * 37) % 250 || 'zero')
    cms.collections.faqs = ids.map((id) => faq(id))

    const { faqs } = await read()

    expect(faqs.map((entry) => entry.id)).toEqual(ids.map((id) => `question-${id}`))
    expect(faqs[1]).toMatchObject({ data: { question: 'Question 37?', html: '<p>Answer 37.</p>', category: 1 } })
  })

  it('refuses a list that says it has more pages (a CMS that ignored pagination=false)', async () => {
    publishSite()
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      sendJson(res, 200, { docs: [faq(1), faq(2)], hasNextPage: true, page: 1, totalPages: 2, totalDocs: 4, limit: 2 })
      return true
    }

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toBe(`The CMS at ${cmsUrl} sent only part of "faqs" (GET /api/faqs?depth=1&pagination=false&draft=false): it has more pages`)
  })
})

describe('readSiteContent: failures name the CMS, what was read and the problem', () => {
  it('fails on an image it was sent without its details, naming the entry, instead of publishing the answer without it', async () => {
    publishSite()
    const answer = { root: { ...paragraph('See:').root, children: [...paragraph('See:').root.children, { type: 'upload', relationTo: 'media', value: 31 }] } }
    cms.collections.faqs = [faq(1), { ...faq(2), answer }]

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toBe(
      `The CMS at ${cmsUrl} sent rich text the site cannot show in "faqs" "question-2": it shows media 31, read without its details (the content must be read at depth 1 or more)`,
    )
  })

  it('rejects with a CmsError naming the CMS URL and the request when the CMS is unreachable', async () => {
    const error = await readError(closedPortUrl)

    expect(error).toBeInstanceOf(CmsError)
    expect(error.name).toBe('CmsError')
    expect(error.message).toMatch(new RegExp(`^Could not reach the CMS at ${closedPortUrl} to load .+ECONNREFUSED`))
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

    const error = await readSiteContent(createCmsClient({ cmsUrl: 'http://localhost:3000', fetch, retryDelaysMs: [] })).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(CmsError)
    expect((error as Error).message).toContain('Could not reach the CMS at http://localhost:3000 to load')
    expect((error as Error).message).toContain('connect ECONNREFUSED 127.0.0.1:3000')
  })

  it('rejects naming the status when the CMS answers 500', async () => {
    publishSite()
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      sendJson(res, 500, { errors: [{ message: 'Something went wrong.' }] })
      return true
    }

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} answered 500 Internal Server Error when loading "faqs"`)
    expect(error.message).toContain('GET /api/faqs?')
  })

  it('rejects naming the problem when the CMS sends something that is not JSON', async () => {
    publishSite()
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!doctype html><title>Proxy login</title>')
      return true
    }

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent something that is not JSON when loading "faqs"`)
  })

  it.each([
    ['without docs', { hasNextPage: false, totalDocs: 0 }],
    ['without hasNextPage', { docs: [faq(1)], totalDocs: 1 }],
    ['whose docs is not a list', { docs: { 0: faq(1) }, hasNextPage: false }],
    ['that is null', null],
  ])('rejects naming the problem when the CMS sends a list %s', async (_, body) => {
    publishSite()
    cms.respond = (request, res) => {
      if (request.collection !== 'faqs') return false
      sendJson(res, 200, body)
      return true
    }

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent an unexpected list for "faqs"`)
    expect(error.message).toContain('no docs/hasNextPage')
  })

  it.each([
    ['a question that is a number', { ...faq(7), question: 42 }],
    ['no question', { ...faq(7), question: undefined }],
    ['an empty question', { ...faq(7), question: '  ' }],
    ['no answer', { ...faq(7), answer: null }],
  ])('rejects naming the document id when a document has %s', async (_, invalid: CmsDoc) => {
    publishSite()
    cms.collections.faqs = [faq(1), invalid, faq(8)]

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent invalid content in "faqs" "question-7"`)
    expect(error.message).toMatch(/question|html/)
  })

  it('rejects a list with two documents of the same id', async () => {
    publishSite()
    cms.collections.faqs = [faq(1), faq(3), faq(2), { ...faq(3), question: 'Another question 3?' }]

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toBe(`The CMS at ${cmsUrl} sent two "faqs" with the id "question-3"`)
  })

  it('rejects naming the CMS URL, the global and the status when a global does not exist', async () => {
    publishSite()
    delete cms.globals.home

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} answered 404 Not Found when loading the "home" global`)
  })

  it('rejects naming the global when its content is invalid', async () => {
    publishSite()
    cms.globals['site-settings'] = { ...(cms.globals['site-settings'] as object), siteName: 7 }

    const error = await readError()

    expect(error).toBeInstanceOf(CmsError)
    expect(error.message).toContain(`The CMS at ${cmsUrl} sent invalid content in the "site-settings" global "site-settings"`)
    expect(error.message).toContain('siteName')
  })
})

describe('checkSiteContent: a build’s content as its site-content.json holds it', () => {
  it('gives back what was read, dates as dates again', async () => {
    publishSite()
    const content = await read()

    expect(checkSiteContent(JSON.parse(JSON.stringify(content)))).toEqual(content)
  })

  it('refuses a file that does not hold the site’s content, saying which part is wrong', async () => {
    publishSite()
    const content = JSON.parse(JSON.stringify(await read())) as { settings: { data: Record<string, unknown> } }
    delete content.settings.data.siteName

    expect(() => checkSiteContent(content)).toThrow(/^The build's site-content\.json does not hold the site's content: .*siteName/s)
    expect(() => checkSiteContent(null)).toThrow(/does not hold the site's content/)
  })
})

describe('contentRound: which reading pages get', () => {
  const content = (label: string) => ({ label }) as unknown as SiteContent

  it('reads once per round: every page of a build shows one reading, and the next build reads again', async () => {
    startContentRound()
    let reads = 0
    const reader = async () => content(`reading ${++reads}`)

    const firstBuild = await Promise.all([roundContent(reader), roundContent(reader), roundContent(reader)])
    startContentRound()
    const secondBuild = await Promise.all([roundContent(reader), roundContent(reader)])

    expect(firstBuild).toEqual([content('reading 1'), content('reading 1'), content('reading 1')])
    expect(secondBuild).toEqual([content('reading 2'), content('reading 2')])
  })

  it('keeps a failed reading for the rest of its round (a build fails whole), unless told to try again (development)', async () => {
    startContentRound()
    let reads = 0
    const failing = async (): Promise<SiteContent> => Promise.reject(new Error(`CMS down (${++reads})`))

    await expect(roundContent(failing)).rejects.toThrow('CMS down (1)')
    await expect(roundContent(failing)).rejects.toThrow('CMS down (1)')

    startContentRound()
    await expect(roundContent(failing, { retryFailed: true })).rejects.toThrow('CMS down (2)')
    await expect(roundContent(failing, { retryFailed: true })).rejects.toThrow('CMS down (3)')
  })

  it('hands the site server’s content to the page it serves, and to no other', async () => {
    const served = content('the live build’s')

    const during = await servingContentOf(
      async () => served,
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        return servedContent()
      },
    )

    expect(during).toBe(served)
    expect(servedContent()).toBeUndefined()
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
