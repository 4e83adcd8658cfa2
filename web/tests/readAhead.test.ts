/**
 * The warm builder's reads ahead (src/cms/readAhead.ts), with the real CMS client against a real
 * HTTP server whose answers change between builds: what a build's loaders take is always what the
 * CMS had after the build was asked for.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { CmsError, createCmsClient } from '../src/cms/client'
import { answersReadAhead, readAhead } from '../src/cms/readAhead'

let server: Server
let cmsUrl: string
/** What the CMS answers for each path: a counter, moved on by each test's "publish". */
let version: number
/** Every path the server was asked for, in order. */
let requests: string[]
/** While true, the CMS answers 503, as while it restarts. */
let restarting: boolean

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url!)
    const status = req.url!.startsWith('/api/missing') ? 404 : restarting ? 503 : 200
    res.writeHead(status, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(status === 200 ? { path: req.url, version } : { errors: [{ message: 'Not now' }] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cmsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

beforeEach(() => {
  // A process in which no builder has read ahead yet.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('advocacy-site.cms-reads-ahead')]
  version = 1
  requests = []
  restarting = false
})

/** The client content.config.ts makes for the loaders, and the builder's, as builder/main.ts makes them. */
const loadersClient = (url = cmsUrl) => createCmsClient({ cmsUrl: url, answered: answersReadAhead(url) })
const askForBuild = (url = cmsUrl, retryDelaysMs?: number[]) => {
  const client = createCmsClient({ cmsUrl: url, retryDelaysMs })
  readAhead(client.cmsUrl, client.getJson)
}

/** What the loaders of one build read: two collections and a global. */
const loadersRead = (client = loadersClient()) =>
  Promise.all(['/api/faqs?depth=0', '/api/values?depth=1', '/api/globals/home'].map((path) => client.getJson(path, path)))

/** Waits until the server has answered `count` requests (it answers each as it comes). */
const answered = (count: number) => vi.waitFor(() => expect(requests).toHaveLength(count), { timeout: 5_000 })
/** Gives requests that should not be sent the time to show up anyway. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('reads ahead', () => {
  it('sends nothing ahead on a builder’s first build, and the loaders read as usual', async () => {
    askForBuild()
    await settle()
    expect(requests).toEqual([])

    const answers = await loadersRead()

    expect(answers).toEqual([
      { path: '/api/faqs?depth=0', version: 1 },
      { path: '/api/values?depth=1', version: 1 },
      { path: '/api/globals/home', version: 1 },
    ])
    expect(requests).toHaveLength(3)
  })

  it('sends the previous build’s reads as soon as the next build is asked for, and the loaders take those answers without asking again', async () => {
    askForBuild()
    await loadersRead()
    requests = []
    version = 2 // a publish, then the ask

    askForBuild()
    // Before any loader runs: the reads are answered already.
    await answered(3)
    expect(requests.sort()).toEqual(['/api/faqs?depth=0', '/api/globals/home', '/api/values?depth=1'])
    version = 3 // what the CMS has by the time the loaders run is not what this build was asked for
    const answers = await loadersRead()

    expect(answers.map((answer) => (answer as { version: number }).version)).toEqual([2, 2, 2])
    expect(requests).toHaveLength(3)
  })

  it('takes each answer once: the same read again in one build is sent again', async () => {
    askForBuild()
    await loadersRead()
    askForBuild()
    const client = loadersClient()
    await loadersRead(client)
    requests = []
    version = 2

    expect(await client.getJson('/api/faqs?depth=0', 'faqs')).toEqual({ path: '/api/faqs?depth=0', version: 2 })
    expect(requests).toEqual(['/api/faqs?depth=0'])
  })

  it('never hands a build an answer read ahead for an earlier one', async () => {
    askForBuild()
    await loadersRead()
    requests = []
    askForBuild() // this build's loaders fail before reading: its answers are left untaken
    await answered(3)
    version = 2

    askForBuild()
    await settle()
    // The build before read nothing, so nothing is read ahead for this one: its loaders send their own.
    expect(requests).toHaveLength(3)
    const answers = await loadersRead()

    expect(answers.map((answer) => (answer as { version: number }).version)).toEqual([2, 2, 2])
  })

  it('reads nothing ahead for a build against another CMS', async () => {
    askForBuild()
    await loadersRead()
    requests = []

    askForBuild('http://127.0.0.1:9')
    await settle()
    expect(requests).toEqual([])
    await loadersRead()
    expect(requests).toHaveLength(3)
  })

  it('hands the loader a failed read’s error, as its own request would have failed', async () => {
    const read = (client = loadersClient()) => client.getJson('/api/missing', '"missing"')
    askForBuild()
    await expect(read()).rejects.toBeInstanceOf(CmsError)
    requests = []

    askForBuild()
    await answered(1)
    const error = await read().catch((error: unknown) => error)

    expect(error).toBeInstanceOf(CmsError)
    expect((error as CmsError).message).toBe(`The CMS at ${cmsUrl} answered 404 Not Found when loading "missing" (GET /api/missing)`)
    expect(requests).toEqual(['/api/missing'])
  })

  it('leaves clients outside the warm builder alone (astro build, astro dev)', async () => {
    await loadersRead()
    await loadersRead()
    expect(requests).toHaveLength(6)
  })

  it('sends a read again when the one read ahead found the CMS restarting, so the loader gets the CMS’s full time to come back', async () => {
    const read = () => loadersClient().getJson('/api/faqs?depth=0', '"faqs"')
    askForBuild()
    await read()
    requests = []
    restarting = true

    askForBuild(cmsUrl, [])
    await answered(1)
    restarting = false

    expect(await read()).toEqual({ path: '/api/faqs?depth=0', version: 1 })
    expect(requests).toEqual(['/api/faqs?depth=0', '/api/faqs?depth=0'])
  })
})
