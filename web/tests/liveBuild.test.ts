/**
 * The site server's view of the live build (server/liveBuild.ts), with real builds on disk (a
 * static page, and a server bundle whose loading the test holds back), a real HTTP server and
 * Node's own module loading: static files are served the moment `live` points at a build, without
 * waiting for its server bundle, a request is served by the build `live` pointed to, and on-demand
 * pages are handed that build's content.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { liveBuild } from '../server/liveBuild'

let root: string
let server: Server
let origin: string
/** How many requests the server has had. */
let received: number

/** A build: its home page, and a server bundle that loads only once `root/release-<id>` exists (or fails to load). */
function makeBuild(id: string, bundle: 'held' | 'broken' = 'held') {
  mkdirSync(path.join(root, id, 'client'), { recursive: true })
  mkdirSync(path.join(root, id, 'server'), { recursive: true })
  writeFileSync(path.join(root, id, 'client', 'index.html'), `<!doctype html><title>Build ${id}</title>`)
  writeFileSync(path.join(root, id, 'site-content.json'), JSON.stringify({ siteName: `Site of build ${id}` }))
  writeFileSync(
    path.join(root, id, 'server', 'entry.mjs'),
    bundle === 'broken'
      ? `throw new Error('bundle ${id} is broken')\n`
      : `import { existsSync } from 'node:fs'
import { servedContent } from ${JSON.stringify(path.resolve('src/cms/contentRound.ts'))}
while (!existsSync(${JSON.stringify(path.join(root, `release-${id}`))})) await new Promise((resolve) => setTimeout(resolve, 5))
export const handler = async (request, response) => {
  // An on-demand page of the site, showing the content it is handed.
  if (request.url === '/wire') {
    const content = await servedContent()?.catch((error) => ({ error: error.message }))
    response.writeHead(200, { 'Content-Type': 'application/json' })
    return response.end(JSON.stringify(content ?? null))
  }
  response.writeHead(404, { 'Content-Type': 'text/plain' })
  response.end('Not found, says build ${id}')
}
`,
  )
}

const release = (id: string) => writeFileSync(path.join(root, `release-${id}`), '')

/** Points `live` at a build, as publishing does: a new symlink renamed over the old. */
function goLive(id: string) {
  symlinkSync(id, path.join(root, 'live.new'))
  renameSync(path.join(root, 'live.new'), path.join(root, 'live'))
}

async function get(pathname: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${origin}${pathname}`)
  return { status: response.status, text: await response.text() }
}

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'live-build-'))
  const current = liveBuild(path.join(root, 'live'))
  received = 0
  server = createServer((request, response) => {
    received++
    const build = current()
    build.files(request, response, () =>
      build.astro(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'text/plain' })
        response.end(`500: ${error instanceof Error ? error.message : String(error)}`)
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(root, { recursive: true, force: true })
})

describe('liveBuild', () => {
  it('serves a new build’s static pages at once, while its server bundle is still loading; its on-demand answers wait for the bundle', async () => {
    makeBuild('1')
    goLive('1')

    expect(await get('/')).toEqual({ status: 200, text: '<!doctype html><title>Build 1</title>' })
    let onDemand: { status: number; text: string } | undefined
    const waiting = get('/no-such-page').then((answer) => (onDemand = answer))
    // The request has arrived, and waits: nothing can answer it before the bundle is let load.
    await vi.waitFor(() => expect(received).toBe(2))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(onDemand).toBeUndefined()

    release('1')
    expect(await waiting).toEqual({ status: 404, text: 'Not found, says build 1' })
  })

  it('serves each request from the build live points to when it comes in', async () => {
    makeBuild('1')
    makeBuild('2')
    release('1')
    goLive('1')
    expect(await get('/no-such-page')).toEqual({ status: 404, text: 'Not found, says build 1' })

    goLive('2')
    expect(await get('/')).toEqual({ status: 200, text: '<!doctype html><title>Build 2</title>' })
    release('2')
    expect(await get('/no-such-page')).toEqual({ status: 404, text: 'Not found, says build 2' })
  })

  it('hands each on-demand page the content of the build serving it, even when live moves on meanwhile (a publish, a rollback)', async () => {
    makeBuild('1')
    makeBuild('2')
    release('2')
    goLive('1')
    // A request served by build 1, waiting for its server bundle...
    const first = get('/wire')
    await vi.waitFor(() => expect(received).toBe(1))
    // ...while build 2 goes live and serves one of its own.
    goLive('2')
    expect(JSON.parse((await get('/wire')).text)).toEqual({ siteName: 'Site of build 2' })

    release('1')
    expect(JSON.parse((await first).text)).toEqual({ siteName: 'Site of build 1' })
    // A rollback: live points back at a build the server has open.
    goLive('1')
    expect(JSON.parse((await get('/wire')).text)).toEqual({ siteName: 'Site of build 1' })
  })

  it('says which build has no content file, and reads it again once it is there', async () => {
    makeBuild('1')
    release('1')
    rmSync(path.join(root, '1', 'site-content.json'))
    goLive('1')
    expect(JSON.parse((await get('/wire')).text)).toEqual({ error: expect.stringMatching(/^The build in .*\/1 has no readable site-content\.json: ENOENT/) })

    writeFileSync(path.join(root, '1', 'site-content.json'), JSON.stringify({ siteName: 'Site of build 1' }))
    expect(JSON.parse((await get('/wire')).text)).toEqual({ siteName: 'Site of build 1' })
  })

  it('still serves the static pages of a build whose server bundle cannot load, and fails its on-demand requests with the reason', async () => {
    makeBuild('1', 'broken')
    goLive('1')
    const build = liveBuild(path.join(root, 'live'))()
    await expect(build.ready).rejects.toThrow('bundle 1 is broken')

    expect(await get('/')).toEqual({ status: 200, text: '<!doctype html><title>Build 1</title>' })
    expect(await get('/no-such-page')).toEqual({ status: 500, text: '500: bundle 1 is broken' })
  })
})
