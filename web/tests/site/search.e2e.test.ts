/**
 * Site search without a server: the build indexes the values, every FAQ entry and the annual
 * reports with Pagefind into /pagefind/ (precompressed with the rest), and /search, the only page
 * besides /wire with a script, finds them in Chromium. A word from an FAQ answer finds that
 * answer, linking to its anchor; the page passes axe, raises no console error or policy violation
 * (also when Pagefind cannot use its worker), and without JavaScript says so and links to the
 * content. An entry published after a build is found once the site is built again (twice built
 * here, the second time incrementally).
 */
import { AxeBuilder } from '@axe-core/playwright'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, inject, it } from 'vitest'

import { buildSite, newBuildDir } from '../setup/builtSite'
import { paragraph, richText } from '../setup/testContent'
import { htmlPages, page as builtPage, siteDir, text } from './builtSite'
import { startCmsProxy } from './cmsProxy'
import { chromiumOnBuiltSite, screenshots } from './chromium'
import { serveBuild } from './serveBuild'

const chromium = chromiumOnBuiltSite()

type Result = { href: string; title: string; marked: string[] }

/** Types the words into the search page's box and sends them, as a reader does; what it lists. */
async function search(page: Page, words: string): Promise<{ status: string; results: Result[] }> {
  await page.locator('#search-words').fill(words)
  await page.locator('#search-words').press('Enter')
  const status = page.locator('[data-search-status]')
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 20_000 }).toMatch(/results? for|Nothing found|not working/)
  const results = await page.locator('[data-search-results] li').evaluateAll((items) =>
    items.map((li) => ({
      href: li.querySelector('h2 a')!.getAttribute('href')!,
      title: li.querySelector('h2')!.textContent!,
      marked: [...li.querySelectorAll('.search__excerpt mark')].map((mark) => mark.textContent!.toLowerCase()),
    })),
  )
  return { status: (await status.textContent())!, results }
}

/** Console errors, uncaught exceptions and Content-Security-Policy violations on a page. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`))
  })
  return problems
}

/** An FAQ entry of the built site, and a long word from its answer that its question does not have. */
function anAnswerWord(): { id: string; question: string; word: string } {
  const entry = builtPage('/faq').querySelectorAll('article.faq')[0]!
  const heading = entry.querySelector('h3')!
  const answer = text(entry.querySelector('.prose')).toLowerCase()
  const word = answer.split(/[^a-z]+/).find((candidate) => candidate.length >= 8 && !text(heading).toLowerCase().includes(candidate))
  if (!word) throw new Error('The first FAQ answer has no long word of its own')
  return { id: heading.id, question: text(heading), word }
}

describe('the index', () => {
  it('holds the values page, the FAQ page and every report page, the pages that mark their content for it', () => {
    const entry = JSON.parse(readFileSync(path.join(siteDir(), 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>
    }
    const marked = htmlPages()
      .filter(({ route }) => builtPage(route).querySelector('[data-pagefind-body]'))
      .map(({ route }) => route)
    const reports = htmlPages()
      .filter(({ route }) => /^\/annual-reports\/\d+$/.test(route))
      .map(({ route }) => route)
    expect(marked).toEqual(expect.arrayContaining(['/faq', '/values', ...reports]))
    expect(marked).toHaveLength(2 + reports.length)
    expect(Object.keys(entry.languages)).toEqual(['en'])
    expect(entry.languages['en']!.page_count).toBe(marked.length)
  })

  it('is precompressed like the rest of the site, its index files compressed by Pagefind already', () => {
    const bundle = path.join(siteDir(), 'pagefind')
    for (const file of ['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json']) {
      for (const copy of [file, `${file}.br`, `${file}.gz`]) expect(existsSync(path.join(bundle, copy)), copy).toBe(true)
    }
    const meta = readdirSync(bundle).find((name) => name.endsWith('.pf_meta'))!
    expect([...readFileSync(path.join(bundle, meta)).subarray(0, 2)]).toEqual([0x1f, 0x8b])
    // Pagefind's ready-made interfaces are left out: /search has its own script.
    expect(readdirSync(bundle).filter((name) => /ui|highlight/.test(name))).toEqual([])
  })

  it('puts a plain search form, not a script, in the header of every other page', () => {
    for (const { route } of htmlPages().filter(({ route }) => route !== '/search')) {
      const form = builtPage(route).querySelector('header form[role="search"]')
      expect(form?.getAttribute('action'), route).toBe('/search')
      expect(form?.getAttribute('method'), route).toBe('get')
      expect(form?.querySelector('input[type="search"][name="q"]'), route).not.toBeNull()
    }
  })

  it('lets WebAssembly run on /search only', () => {
    const policy = (route: string) => builtPage(route).querySelector('meta[http-equiv="content-security-policy"]')!.getAttribute('content')!
    expect(policy('/search')).toMatch(/script-src 'self' 'wasm-unsafe-eval' /)
    for (const { route } of htmlPages().filter(({ route }) => route !== '/search')) expect(policy(route), route).not.toContain('wasm-unsafe-eval')
  })
})

describe('searching in Chromium', () => {
  it('finds an FAQ answer by a word from it, as a result of its own that links to the answer', async () => {
    const { id, question, word } = anAnswerWord()
    const page = await chromium.newPage()
    const problems = await watch(page)
    try {
      await page.goto(`${chromium.site.url}/search`)
      const { status, results } = await search(page, word)
      expect(status).toMatch(new RegExp(`results? for “${word}”`))
      const answer = results.find((result) => result.href === `/faq#${id}`)
      expect(answer, JSON.stringify(results)).toMatchObject({ title: question })
      expect(answer!.marked.some((marked) => marked.includes(word))).toBe(true)
      expect(new URL(page.url()).search).toBe(`?q=${word}`)

      await page.locator(`[data-search-results] a[href="/faq#${id}"]`).click()
      await page.waitForURL(`${chromium.site.url}/faq#${id}`)
      expect(await page.evaluate(() => ({ tag: document.querySelector(':target')?.tagName, id: document.querySelector(':target')?.id }))).toEqual({
        tag: 'H3',
        id,
      })
      expect(problems).toEqual([])
    } finally {
      await page.context().close()
    }
  })

  it('searches from the header’s form on a content page, which has no script', async () => {
    const { id, word } = anAnswerWord()
    const page = await chromium.newPage()
    try {
      await page.goto(`${chromium.site.url}/values`)
      await page.locator('#site-search').fill(word)
      await page.locator('#site-search').press('Enter')
      await page.waitForURL(`${chromium.site.url}/search?q=${word}`)
      await expect.poll(() => page.locator(`[data-search-results] a[href="/faq#${id}"]`).count(), { timeout: 20_000 }).toBe(1)
      expect(await page.locator('#search-words').inputValue()).toBe(word)
    } finally {
      await page.context().close()
    }
  })

  it('finds the reports and the values too, and says when nothing is found', async () => {
    const page = await chromium.newPage()
    try {
      await page.goto(`${chromium.site.url}/search`)
      const organizing = await search(page, 'organized')
      expect(organizing.results.map((result) => result.href)).toContain('/annual-reports/5784')
      const values = builtPage('/values').querySelectorAll('main h2')
      const value = await search(page, text(values[0]))
      expect(value.results.map((result) => result.href)).toContain(`/values#${values[0]!.id}`)
      const nothing = await search(page, 'qwertyuiopasdf')
      expect(nothing.status).toBe('Nothing found for “qwertyuiopasdf”. Try other words, or fewer.')
      expect(nothing.results).toEqual([])
    } finally {
      await page.context().close()
    }
  })

  it('still searches, under the page’s policy, when Pagefind cannot start its worker', async () => {
    const { id, word } = anAnswerWord()
    const page = await chromium.newPage()
    const problems = await watch(page)
    try {
      // Pagefind then runs its WebAssembly in the page itself, which needs 'wasm-unsafe-eval'.
      await page.route('**/pagefind/pagefind-worker.js', (route) => route.fulfill({ status: 503, body: '' }))
      await page.goto(`${chromium.site.url}/search?q=${word}`)
      await expect.poll(() => page.locator(`[data-search-results] a[href="/faq#${id}"]`).count(), { timeout: 20_000 }).toBe(1)
      expect(problems.filter((problem) => !/status of 503/.test(problem))).toEqual([])
    } finally {
      await page.context().close()
    }
  })

  it.each([375, 1280])('has no accessibility violations with results shown, at %i px wide', async (width) => {
    const { word } = anAnswerWord()
    const page = await chromium.newPage({ viewport: { width, height: 900 } })
    try {
      await page.goto(`${chromium.site.url}/search?q=${word}`)
      await page.locator('[data-search-results] li').first().waitFor({ timeout: 20_000 })
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
      expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
      await page.screenshot({ path: path.join(screenshots, `search-results-${width}.png`), fullPage: true })
    } finally {
      await page.context().close()
    }
  })

  it('says, without JavaScript, that search needs it, and links to the FAQ and the reports', async () => {
    const context = await chromium.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 900 } })
    try {
      const page = await context.newPage()
      await page.goto(`${chromium.site.url}/search?q=ceasefire`)
      const note = page.locator('main p', { hasText: 'needs JavaScript' })
      expect(await note.isVisible()).toBe(true)
      for (const href of ['/faq', '/annual-reports']) expect(await note.locator(`a[href="${href}"]`).isVisible(), href).toBe(true)
      await page.screenshot({ path: path.join(screenshots, 'search-no-javascript-375.png'), fullPage: true })
    } finally {
      await context.close()
    }
  })
})

describe('after a publish', () => {
  const WORD = 'tatreez'
  const QUESTION = 'Why do we stitch at vigils?'
  let draftId: number | undefined
  const dirs: string[] = []

  const admin = (route: string, init: RequestInit = {}) =>
    fetch(`${inject('cmsUrl')}${route}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${inject('adminToken')}`, ...init.headers },
    })

  afterAll(async () => {
    if (draftId) await admin(`/api/faqs/${draftId}`, { method: 'DELETE' })
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  /**
   * Builds the site from `cmsUrl` into `outDir` afresh with the given cache, serves it and
   * searches it. Like the CMS's builder (a fixed staging folder), every build goes to the same
   * folder: Astro reuses a page only when its code, output paths included, is unchanged.
   */
  async function buildAndSearch(cmsUrl: string, outDir: string, cache: string, words: string[]) {
    rmSync(outDir, { recursive: true, force: true })
    const build = await buildSite(outDir, cmsUrl, { ASTRO_CACHE_DIR: cache })
    expect(build.code, build.output).toBe(0)
    const served = await serveBuild(outDir, inject('cmsUrl'))
    const page = await chromium.newPage()
    try {
      await page.goto(`${served.url}/search`)
      const found: Record<string, string[]> = {}
      for (const word of words) found[word] = (await search(page, word)).results.map((result) => result.href)
      return { log: build.output, found }
    } finally {
      await page.context().close()
      served.stop()
    }
  }

  it('finds an entry published after a build once the site is built again, incrementally', async () => {
    // The entry is a draft in the CMS (other test files compare the CMS's published content
    // with the shared build); the builds here read the CMS through a proxy that shows it as
    // published, exactly as the CMS sends it, from the moment it is "published" below.
    const categories = (await (await admin('/api/faq-categories?limit=1')).json()) as { docs: { id: number }[] }
    const answer = 'Tatreez is Palestinian embroidery; we stitch it together at every vigil.'
    const created = await admin('/api/faqs?draft=true', {
      method: 'POST',
      body: JSON.stringify({
        question: QUESTION,
        answer: richText(paragraph(answer)),
        category: categories.docs[0]!.id,
        _status: 'draft',
      }),
    })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number; slug: string } }
    draftId = doc.id
    const entry = await (await admin(`/api/faqs/${doc.id}?draft=true&depth=0`)).json()
    let published = false
    const proxy = await startCmsProxy(inject('cmsUrl'), (route, body) => {
      if (!published || !route.startsWith('/api/faqs?')) return undefined
      const list = body as { docs: unknown[]; totalDocs: number }
      return { ...list, docs: [...list.docs, { ...entry, _status: 'published' }], totalDocs: list.totalDocs + 1 }
    })
    const cache = mkdtempSync(path.join(tmpdir(), 'site-cache-'))
    const outDir = newBuildDir()
    dirs.push(cache, outDir)
    try {
      const before = await buildAndSearch(proxy.url, outDir, cache, [WORD])
      expect(before.found[WORD]).toEqual([])

      published = true
      const after = await buildAndSearch(proxy.url, outDir, cache, [WORD, 'organized'])
      // Incremental: the report pages are reused from the first build, and still in the index.
      expect(after.log).toMatch(/\/annual-reports\/5784\/index\.html \((restored|cached)\)/)
      expect(after.found[WORD]).toEqual([`/faq#${doc.slug}`])
      expect(after.found['organized']).toContain('/annual-reports/5784')
    } finally {
      proxy.close()
    }
  }, 600_000)
})
