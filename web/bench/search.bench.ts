/**
 * Benchmark: site search (Pagefind) with 1,000 FAQ entries. The site tests' build is copied and
 * its FAQ page replaced by one with 1,000 generated entries, in the page's own markup (ten
 * categories, each question an anchored heading, answers of some 120 words drawn from the real
 * FAQ's vocabulary, each with one word of its own). Then: the index's size and the time to
 * write it (the build's own `writeSearchIndex`, three times), and in Chromium, served by the
 * production site server, the time from opening /search?q=… to the first result on screen (cold,
 * each in a fresh browser context) and of a search typed on the loaded page (warm), with the
 * bytes the first search downloads. Writes bench/results/search.md.
 *
 *   pnpm bench    (or only this: pnpm --filter web exec vitest run --config vitest.bench.config.ts bench/search.bench.ts)
 */
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject, it } from 'vitest'

import { launchChromium } from 'cms/testing'

import { precompressDir } from '../src/integrations/precompress'
import { writeSearchIndex } from '../src/integrations/searchIndex'
import { newBuildDir, webDir } from '../tests/setup/builtSite'
import { serveBuild } from '../tests/site/serveBuild'

const ENTRIES = 1_000
const CATEGORIES = 10
const ANSWER_WORDS = 120
const INDEXING_RUNS = 3
const COLD_RUNS = 10
const WARM_RUNS = 10

/** A small deterministic generator, so every run indexes the same site. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
}

/**
 * Entry n's word of its own, found nowhere else: letters only (numbers are indexed differently),
 * all of one length, since Pagefind also finds words that a search word begins.
 */
const ownWord = (n: number) =>
  `vethq${n
    .toString(26)
    .padStart(3, '0')
    .replace(/./g, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 26)))}`

/** The FAQ page with `ENTRIES` entries, in FaqPage.astro's markup, inside the built page's own layout. */
function generatedFaqPage(built: string): string {
  const vocabulary = [
    ...new Set(
      (/<main[\s\S]*<\/main>/.exec(built)?.[0] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .toLowerCase()
        .match(/[a-z]{3,}/g),
    ),
  ]
  const next = random(5784)
  const words = (count: number) => Array.from({ length: count }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ')
  const sections = Array.from({ length: CATEGORIES }, (_, c) => {
    const entries = Array.from({ length: ENTRIES / CATEGORIES }, (_, i) => {
      const n = c * (ENTRIES / CATEGORIES) + i
      const half = Math.floor(ANSWER_WORDS / 2)
      return (
        `<article class="faq measure" aria-labelledby="faq-${n}"><h3 id="faq-${n}"><a class="faq__anchor" href="#faq-${n}">Question ${n}: ${words(8)}?</a></h3>` +
        `<div class="prose"><p>${words(half)} ${ownWord(n)}.</p><p>${words(ANSWER_WORDS - half)}.</p></div></article>`
      )
    })
    return `<section class="section" id="category-${c}" aria-labelledby="category-${c}-title"><h2 id="category-${c}-title" data-pagefind-ignore>Category ${c}</h2>${entries.join('')}</section>`
  })
  return built.replace(
    /(<main[^>]*>)[\s\S]*(<\/main>)/,
    `$1<div class="container"><header class="page-header"><h1>Frequently asked questions</h1></header>${sections.join('')}</div>$2`,
  )
}

function filesUnder(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => ({ file, bytes: statSync(path.join(dir, file)).size }))
    .filter(({ file }) => statSync(path.join(dir, file)).isFile())
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const ms = (value: number) => `${Math.round(value)} ms`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const summary = (values: number[]) => `${ms(median(values))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))})`

it('measures search over 1,000 FAQ entries', async () => {
  const loadBefore = os.loadavg()
  const siteIndexBytes = filesUnder(path.join(inject('siteDir'), 'client', 'pagefind')).filter(({ file }) => !/\.(br|gz)$/.test(file))
  const siteEntry = JSON.parse(readFileSync(path.join(inject('siteDir'), 'client', 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
    languages: { en: { page_count: number } }
  }

  const build = newBuildDir()
  cpSync(inject('siteDir'), build, { recursive: true })
  const client = path.join(build, 'client')
  const faqFile = path.join(client, 'faq', 'index.html')
  const faqPage = generatedFaqPage(readFileSync(faqFile, 'utf8'))
  writeFileSync(faqFile, faqPage)

  const indexing: number[] = []
  let stats = { pages: 0, files: 0, bytes: 0 }
  for (let run = 0; run < INDEXING_RUNS; run++) {
    const started = performance.now()
    stats = await writeSearchIndex(client)
    indexing.push(performance.now() - started)
  }
  await precompressDir(client, path.join(build, 'precompressed'))
  const bundle = filesUnder(path.join(client, 'pagefind'))
  const written = bundle.filter(({ file }) => !/\.(br|gz)$/.test(file))
  const fragments = written.filter(({ file }) => file.startsWith('fragment'))
  const indexChunks = written.filter(({ file }) => file.startsWith('index'))

  const site = await serveBuild(build, inject('cmsUrl'))
  const browser = await launchChromium()
  const chromium = browser.version()
  const cold: number[] = []
  const warm: number[] = []
  let downloaded = { requests: 0, bytes: 0 }
  try {
    for (let run = 0; run < COLD_RUNS; run++) {
      const n = Math.floor((run * ENTRIES) / COLD_RUNS) + 7
      const context = await browser.newContext()
      const page = await context.newPage()
      const responses: Promise<number>[] = []
      page.on('requestfinished', (request) => {
        if (request.url().includes('/pagefind/')) responses.push(request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize))
      })
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-search-results] li')) {
            ;(window as { firstResult?: number }).firstResult = performance.now()
            observer.disconnect()
          }
        }).observe(document, { childList: true, subtree: true })
      })
      await page.goto(`${site.url}/search?q=${ownWord(n)}`)
      const shown = await page.waitForFunction(() => (window as { firstResult?: number }).firstResult, undefined, { timeout: 60_000 })
      cold.push((await shown.jsonValue()) as number)
      const href = await page.locator('[data-search-results] h2 a').first().getAttribute('href')
      if (href !== `/faq#faq-${n}`) throw new Error(`The first result for entry ${n} was ${href}`)
      if (run === 0) {
        await page.waitForLoadState('networkidle')
        const sizes = await Promise.all(responses)
        downloaded = { requests: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0) }
        for (let w = 0; w < WARM_RUNS; w++) {
          const m = (n + 97 * (w + 1)) % ENTRIES
          warm.push(
            await page.evaluate(
              async ([word, target]) => {
                const input = document.querySelector<HTMLInputElement>('#search-words')!
                input.value = word!
                const started = performance.now()
                input.form!.requestSubmit()
                await new Promise<void>((resolve) => {
                  const check = () => (document.querySelector(`[data-search-results] a[href="${target}"]`) ? resolve() : requestAnimationFrame(check))
                  check()
                })
                return performance.now() - started
              },
              [ownWord(m), `/faq#faq-${m}`],
            ),
          )
        }
      }
      await context.close()
    }
  } finally {
    await browser.close()
    site.stop()
    rmSync(build, { recursive: true, force: true })
  }

  const pagefindVersion = (JSON.parse(readFileSync(path.join(webDir, 'node_modules', 'pagefind', 'package.json'), 'utf8')) as { version: string }).version
  const cpu = os.cpus()
  const results = `# Site search

Measured ${new Date().toISOString().slice(0, 10)} by \`web/bench/search.bench.ts\` on ${cpu.length} cores (${cpu[0]?.model.trim()}),
${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Pagefind ${pagefindVersion}, Chromium ${chromium}; one run, everything on
this machine, which other builds and tests were sharing (load average ${loadBefore.map((load) => load.toFixed(2)).join(' / ')} at the start).

The site: the site tests' build with its FAQ page replaced by ${ENTRIES.toLocaleString('en-US')} generated entries in the page's own markup
(${CATEGORIES} categories; each question an anchored heading, a search result of its own; answers of ${ANSWER_WORDS} words drawn
from the real FAQ's vocabulary, each with one word found nowhere else), plus the values page and the reports:
${stats.pages} pages indexed. The FAQ page is ${kb(Buffer.byteLength(faqPage))} of HTML.

## Index

| | |
|---|---|
| time to index the site and write the index (\`writeSearchIndex\`, as the build runs it; ${INDEXING_RUNS} runs) | ${summary(indexing)} |
| index written by Pagefind (what the site serves under /pagefind/) | ${written.length} files, ${kb(written.reduce((sum, f) => sum + f.bytes, 0))} |
| of which the word index (${indexChunks.length} chunks) | ${kb(indexChunks.reduce((sum, f) => sum + f.bytes, 0))} |
| of which the pages' text for excerpts (${fragments.length} fragments; the FAQ page's is one) | ${kb(fragments.reduce((sum, f) => sum + f.bytes, 0))} (largest ${kb(Math.max(...fragments.map((f) => f.bytes)))}) |
| with the build's brotli and gzip copies of its scripts and JSON | ${bundle.length} files, ${kb(bundle.reduce((sum, f) => sum + f.bytes, 0))} |
| for comparison, the site tests' own site (${siteEntry.languages.en.page_count} pages) | ${siteIndexBytes.length} files, ${kb(siteIndexBytes.reduce((sum, f) => sum + f.bytes, 0))} |

## Time to first result, in Chromium

Served by the production site server (precompressed files), Chromium headless on the same machine, no
network throttling. Each search is for one entry's own word and must list that entry first, linking
to its anchor (\`/faq#faq-n\`).

| | |
|---|---|
| cold: from opening \`/search?q=…\` in a fresh browser context (empty cache) to the first result on screen (${COLD_RUNS} runs) | ${summary(cold)} |
| what the first search downloads from /pagefind/ (script, worker, WebAssembly, index chunks, the FAQ page's fragment) | ${downloaded.requests} requests, ${kb(downloaded.bytes)} |
| warm: a search typed on the loaded page, from submitting to its result on screen (${WARM_RUNS} runs) | ${summary(warm)} |
`
  writeFileSync(path.join(webDir, 'bench', 'results', 'search.md'), results)
  console.log(results)
})
