/**
 * The public entry serves the site as a static site should: nginx (Debian's, with brotli, running
 * the repo's own configuration, web/nginx/) in front, and the Node site server alone as
 * `pnpm start` runs it. Both send the build's precompressed copies by negotiation (the same bytes
 * once decoded), revalidate HTML and cache hashed assets for a year, and put the security headers
 * on every answer, 404s included; nginx passes only the on-demand routes to Node, and a request
 * while `live` is repointed gets a whole page of one build or the other.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { parse } from 'node-html-parser'

import { png } from 'cms/testing'

import { SITE_URL } from '../setup/builtSite'
import { htmlPages } from './builtSite'
import { journalOf } from './journal'
import { startNginx } from './nginx'
import { serveBuild } from './serveBuild'

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** A GET that keeps the bytes as sent (fetch would decode them). */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

/** A valid PNG with a page after its end: what a browser would run, did it take the file for HTML. */
const pngWithPage = async () => Buffer.concat([await png(60, 30, '#1d5a4f'), Buffer.from('<script>alert(document.domain)</script>')])

/** The policy media files are sent with: nothing in them runs, and they have no origin to act for. */
const MEDIA_POLICY = "default-src 'none'; sandbox"

const decoded = ({ headers, body }: Raw) =>
  headers['content-encoding'] === 'br' ? brotliDecompressSync(body) : headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body

// Two builds to swap between: the site tests' build, and a copy whose home page says otherwise.
const buildsDir = mkdtempSync(path.join(tmpdir(), 'site-builds-'))
const live = path.join(buildsDir, 'live')
let buildA: string
let buildB: string
let node: Awaited<ReturnType<typeof serveBuild>>
let nginx: Awaited<ReturnType<typeof startNginx>>
let stylesheet: string

function pointLiveAt(build: string, link = live) {
  const staging = path.join(path.dirname(link), `.live-${Math.random()}`)
  symlinkSync(build, staging)
  renameSync(staging, link)
}

beforeAll(async () => {
  buildA = inject('siteDir')
  buildB = path.join(buildsDir, 'b')
  cpSync(buildA, buildB, { recursive: true })
  const home = path.join(buildB, 'client', 'index.html')
  const changed = readFileSync(home, 'utf8').replace('</main>', '<p>The other build.</p></main>')
  writeFileSync(home, changed)
  writeFileSync(`${home}.br`, brotliCompressSync(changed))
  writeFileSync(`${home}.gz`, gzipSync(changed))
  // A file in /media/ named .html, as one uploaded before names followed types could be.
  writeFileSync(path.join(buildB, 'client', 'media', 'older.html'), await pngWithPage())
  pointLiveAt(buildA)
  stylesheet = `/_astro/${readdirSync(path.join(buildA, 'client', '_astro')).find((file) => file.endsWith('.css'))}`
  node = await serveBuild(live, inject('cmsUrl'), { TRUSTED_PROXIES: 'loopback' })
  nginx = await startNginx({
    siteRoot: path.join(live, 'client'),
    siteServer: new URL(node.url).host,
    cmsOrigin: new URL(inject('cmsUrl')).origin,
  })
})

afterAll(() => {
  nginx?.stop()
  node?.stop()
  rmSync(buildsDir, { recursive: true, force: true })
})

it('validates the configuration with nginx -t', () => {
  expect(nginx.configTest).toMatch(/syntax is ok/)
  expect(nginx.configTest).toMatch(/test is successful/)
})

const servers = () =>
  [
    ['nginx', nginx.url],
    ['the Node site server', node.url],
  ] as const

describe.each(['nginx', 'the Node site server'])('%s', (name) => {
  const base = () => servers().find(([n]) => n === name)![1]

  it.each(['/', '/faq', '/values', '/sitemap-index.xml', '/rss.xml', 'stylesheet'])(
    'sends %s as brotli, gzip or as it is, as the browser asks, with the same bytes decoded',
    async (route) => {
      const url = `${base()}${route === 'stylesheet' ? stylesheet : route}`
      const [br, gzip, identity] = await Promise.all([
        get(url, { 'Accept-Encoding': 'gzip, deflate, br' }),
        get(url, { 'Accept-Encoding': 'gzip' }),
        get(url, { 'Accept-Encoding': 'identity' }),
      ])
      for (const answer of [br, gzip, identity]) {
        expect(answer.status).toBe(200)
        expect(String(answer.headers.vary)).toMatch(/Accept-Encoding/i)
      }
      expect(br.headers['content-encoding']).toBe('br')
      expect(gzip.headers['content-encoding']).toBe('gzip')
      expect(identity.headers['content-encoding']).toBeUndefined()
      expect(decoded(br).equals(identity.body)).toBe(true)
      expect(decoded(gzip).equals(identity.body)).toBe(true)
      expect(br.body.length).toBeLessThan(identity.body.length)
    },
  )

  it('caches hashed assets for a year and has HTML revalidated, answering 304 when unchanged', async () => {
    const asset = await get(`${base()}${stylesheet}`)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    for (const route of ['/', '/faq', '/wire', '/rss.xml']) {
      const page = await get(`${base()}${route}`, { 'Accept-Encoding': 'br' })
      expect(page.headers['cache-control'], route).toBe('no-cache')
      expect(page.headers.etag, route).toBeTruthy()
      expect(page.headers['last-modified'], route).toBeTruthy()
      const again = await get(`${base()}${route}`, { 'Accept-Encoding': 'br', 'If-None-Match': String(page.headers.etag) })
      expect(again.status, route).toBe(304)
    }
  })

  it('puts the security headers and the framing rule on every answer, 404s included', async () => {
    const cmsOrigin = new URL(inject('cmsUrl')).origin
    for (const route of ['/', stylesheet, '/no-such-page', '/wire/confirm?token=not-a-real-token']) {
      const answer = await get(`${base()}${route}`)
      expect(answer.status, route).toBe(route === '/no-such-page' ? 404 : 200)
      expect(answer.headers['content-security-policy'], route).toMatch(new RegExp(`frame-ancestors ${cmsOrigin}`))
      expect(answer.headers['x-content-type-options'], route).toBe('nosniff')
      expect(answer.headers['referrer-policy'], route).toBe('strict-origin-when-cross-origin')
      expect(answer.headers['permissions-policy'], route).toMatch(/camera=\(\)/)
    }
    const notFound = await get(`${base()}/no-such-page`)
    expect(notFound.body.toString()).toMatch(/<h1[^>]*>We could not find that page<\/h1>/)
  })

  it('sends media files as what they are, unsniffed, with a policy under which nothing in them runs; pages without it', async () => {
    for (const [route, type] of [
      ['/media/inline-5784.png', 'image/png'],
      ['/media/report-5784.pdf', 'application/pdf'],
    ] as const) {
      const answer = await get(`${base()}${route}`)
      expect(answer.status, route).toBe(200)
      expect(answer.headers['content-type'], route).toBe(type)
      expect(answer.headers['x-content-type-options'], route).toBe('nosniff')
      expect(answer.headers['content-security-policy'], route).toContain(MEDIA_POLICY)
    }
    for (const route of ['/', '/annual-reports/5784']) expect((await get(`${base()}${route}`)).headers['content-security-policy'], route).not.toMatch(/sandbox/)
  })

  it('sends a file in /media/ named .html, as one uploaded before names followed types, with that policy too', async () => {
    pointLiveAt(buildB)
    try {
      const answer = await get(`${base()}/media/older.html`)
      expect(answer.status).toBe(200)
      expect(answer.headers['x-content-type-options']).toBe('nosniff')
      expect(answer.headers['content-security-policy']).toContain(MEDIA_POLICY)
    } finally {
      pointLiveAt(buildA)
    }
  })
})

describe('nginx in front', () => {
  it.each(['/faq', '/media/inline-5784.png'])('sends the same security headers as the site server does (%s)', async (route) => {
    const [fromNginx, fromNode] = await Promise.all([get(`${nginx.url}${route}`), get(`${node.url}${route}`)])
    for (const header of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'strict-transport-security']) {
      expect(fromNginx.headers[header], header).toEqual(fromNode.headers[header])
    }
  })

  it('passes sign-ups to the site server, as the visitor nginx saw, whatever address the visitor claims', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const response = await fetch(`${nginx.url}/wire/signup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'X-Forwarded-For': `203.0.113.${i + 1}` },
        body: new URLSearchParams({ email: `through-nginx-${i}-${process.pid}@reader.example` }),
      })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429])
  })

  it('serves static pages itself: they answer with the site server gone', async () => {
    const alone = await startNginx({ siteRoot: path.join(live, 'client'), siteServer: '127.0.0.1:9', cmsOrigin: 'http://cms.invalid' })
    try {
      for (const route of ['/', '/faq', '/wire', stylesheet]) expect((await get(`${alone.url}${route}`)).status, route).toBe(200)
      expect((await get(`${alone.url}/wire/confirm?token=x`)).status).toBe(502)
    } finally {
      alone.stop()
    }
  })

  it('answers every request whole, from one build or the other, while live is repointed 20 times', async () => {
    const pages = [buildA, buildB].map((build) => readFileSync(path.join(build, 'client', 'index.html')))
    let running = true
    const seen = { a: 0, b: 0, broken: [] as string[] }
    const client = async () => {
      while (running) {
        for (const encoding of ['br', 'gzip', 'identity']) {
          const answer = await get(`${nginx.url}/`, { 'Accept-Encoding': encoding }).catch((error: Error) => ({
            status: 0,
            headers: {},
            body: Buffer.from(error.message),
          }))
          const body = answer.status === 200 ? decoded(answer) : answer.body
          if (body.equals(pages[0]!)) seen.a++
          else if (body.equals(pages[1]!)) seen.b++
          else seen.broken.push(`${answer.status} ${encoding} ${body.subarray(0, 80).toString()}`)
        }
      }
    }
    const clients = Array.from({ length: 4 }, client)
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 40))
      pointLiveAt(i % 2 ? buildA : buildB)
    }
    await new Promise((r) => setTimeout(r, 40))
    running = false
    await Promise.all(clients)
    pointLiveAt(buildA)
    expect(seen.broken).toEqual([])
    expect(seen.a).toBeGreaterThan(0)
    expect(seen.b).toBeGreaterThan(0)
  })
})

describe('the built site on its own', () => {
  it('answers every page, and everything every page links or loads, with neither CMS nor site server behind', async () => {
    const cmsOrigin = new URL(inject('cmsUrl')).origin
    const alone = await startNginx({ siteRoot: path.join(live, 'client'), siteServer: '127.0.0.1:9', cmsOrigin: 'http://cms.invalid' })
    try {
      const onSite = new Set<string>()
      const elsewhere: string[] = []
      for (const { route } of htmlPages()) {
        const html = (await get(`${alone.url}${route}`, { 'Accept-Encoding': 'identity' })).body.toString()
        const document = parse(html)
        const refs = [
          ...document.querySelectorAll('a[href], link[href]').map((el) => el.getAttribute('href')!),
          ...document.querySelectorAll('img[src], script[src]').map((el) => el.getAttribute('src')!),
          ...document.querySelectorAll('img[srcset], source[srcset]').flatMap((el) =>
            el
              .getAttribute('srcset')!
              .split(',')
              .map((part) => part.trim().split(/\s+/)[0]!),
          ),
          ...document.querySelectorAll('meta[property="og:image"]').map((el) => el.getAttribute('content')!),
        ]
        for (const ref of refs) {
          const url = new URL(ref, `${SITE_URL}${route}`)
          if (url.origin === SITE_URL) onSite.add(url.pathname + url.search)
          else if (url.protocol.startsWith('http')) elsewhere.push(`${route} → ${url.href}`)
        }
      }
      // Nothing points at the CMS: the public site never needs it.
      expect(elsewhere.filter((ref) => ref.includes(cmsOrigin) || /\/api\/media\//.test(ref))).toEqual([])
      // On-demand pages need the site server, which is not here; the rest must be whole (the 404
      // page names itself as canonical, and answers 404).
      const statuses = await Promise.all(
        [...onSite]
          .filter((ref) => ref !== '/404' && !/^\/(wire\/(signup|confirm|resend|unsubscribe)|preview\/)/.test(ref))
          .map(async (ref) => `${(await get(`${alone.url}${ref}`)).status} ${ref}`),
      )
      expect(statuses.filter((status) => !status.startsWith('200 '))).toEqual([])
      // Among them, the report's own image, its PDF, and the cover as link previews show it.
      expect([...onSite]).toEqual(expect.arrayContaining(['/media/inline-5784.png', '/media/report-5784.pdf']))
      expect([...onSite].some((ref) => /^\/_astro\/cover-5784_[\w-]+\.jpg$/.test(ref))).toBe(true)
    } finally {
      alone.stop()
    }
  })

  it('shows a file’s size as people read it', async () => {
    const html = (await get(`${nginx.url}/annual-reports/5784`, { 'Accept-Encoding': 'identity' })).body.toString()
    expect(html).toMatch(/Download the report \(PDF, 1 KB\)/)
  })
})

describe('the CMS', () => {
  it('stores an upload named .html holding a PNG as a .png, and sends the file as a PNG with the policy under which nothing runs', async () => {
    const cmsUrl = inject('cmsUrl')
    const auth = { Authorization: `JWT ${inject('adminToken')}` }
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await pngWithPage())], { type: 'text/html' }), `chapters-${process.pid}.html`)
    form.append('_payload', JSON.stringify({ alt: 'A map of the chapters' }))
    const created = await fetch(`${cmsUrl}/api/media`, { method: 'POST', headers: auth, body: form })
    const { doc } = (await created.json()) as { doc: { id: number; filename: string; mimeType: string } }
    try {
      expect(created.status).toBe(201)
      expect(doc).toMatchObject({ filename: `chapters-${process.pid}.png`, mimeType: 'image/png' })
      const file = await fetch(`${cmsUrl}/api/media/file/${doc.filename}`, { headers: auth })
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('image/png')
      expect(file.headers.get('x-content-type-options')).toBe('nosniff')
      expect(file.headers.get('content-security-policy')).toBe(MEDIA_POLICY)
    } finally {
      if (doc?.id) await fetch(`${cmsUrl}/api/media/${doc.id}`, { method: 'DELETE', headers: auth })
    }
  })
})

describe('the Node site server on a live build whose server bundle cannot load', () => {
  it('still serves its static pages, fails its on-demand routes with a 500, and refuses a sign-up before taking it', async () => {
    const broken = path.join(buildsDir, 'broken')
    cpSync(buildA, broken, { recursive: true })
    writeFileSync(path.join(broken, 'server', 'entry.mjs'), "throw new Error('this build’s server bundle is broken')\n")
    // A site server of its own, whose journal keeps what it takes (no CMS to hand sign-ups to).
    const ownLive = path.join(buildsDir, 'own', 'live')
    mkdirSync(path.dirname(ownLive))
    pointLiveAt(buildA, ownLive)
    const server = await serveBuild(ownLive, 'http://127.0.0.1:9')
    const signUp = (email: string) =>
      fetch(`${server.url}/wire/signup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ email }),
      })
    try {
      pointLiveAt(broken, ownLive)
      const home = await fetch(`${server.url}/`)
      expect(home.status).toBe(200)
      expect(await home.text()).toBe(readFileSync(path.join(broken, 'client', 'index.html'), 'utf8'))
      expect((await fetch(`${server.url}/wire/confirm?token=x`)).status).toBe(500)
      expect((await signUp(`refused-${process.pid}@reader.example`)).status).toBe(500)
      expect(journalOf(server.dataDir)).toEqual([])

      // The same sign-up on a sound build is taken: the journal shows what is taken.
      pointLiveAt(buildA, ownLive)
      expect((await signUp(`taken-${process.pid}@reader.example`)).status).toBe(200)
      expect(journalOf(server.dataDir).map((signup) => signup.email)).toEqual([`taken-${process.pid}@reader.example`])
    } finally {
      server.stop()
    }
  })
})
