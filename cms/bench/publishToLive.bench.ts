/**
 * Benchmark: publish-to-live latency as production runs it: the CMS (`next start` on the
 * production build), the job runner as a process of its own (`payload worker`, with its warm site
 * builder), the site server on the live build. From an editor's REST publish until the site server
 * returns the new page, 20 publishes in a row: on the seeded site, with 1,000 FAQ entries and 50
 * reports (a core value, then an FAQ entry, whose page is the longest), and with those 50 reports each carrying a cover, an image in its body and a PDF. Also
 * how the cost grows with the FAQ (10 to 5,000 entries), beside a cold build of the same content
 * (a fresh builder process, an empty cache). Writes bench/results/publish-to-live.md.
 *
 *   pnpm bench
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, it } from 'vitest'

import { requestSiteBuildNow } from '../src/publishing/requestSiteBuild'
import { createSiteBuilder } from '../src/publishing/siteBuilder'
import { paragraphs } from '../src/seed/richText'
import { seedContent } from '../src/seed/seed'
import { signIn } from '../tests/helpers/api'
import { pdf, png } from '../tests/helpers/files'
import { serveLiveSite, settledBuilds, siteBuildsForTests } from '../tests/helpers/siteBuilds'
import { startTestPayload } from '../tests/helpers/testPayload'
import { startWorker } from '../tests/helpers/worker'
import { productionEnv, startProductionCms } from './production'

const PUBLISHES = 20
/** Publishes per step of the growth table. */
const GROWTH_PUBLISHES = 5
const resultsDir = path.resolve(import.meta.dirname, 'results')
const builds = siteBuildsForTests('bench-publish')

let payload: Payload
let databaseUrl: string
let cms: Awaited<ReturnType<typeof startProductionCms>>
let worker: ReturnType<typeof startWorker>
let site: Awaited<ReturnType<typeof serveLiveSite>>
let token: string
let run = 0

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** What an editor publishes: a field of one document, and the page that shows it. */
type Edit = { collection: 'values' | 'faqs'; id: number; field: 'title' | 'question'; page: string }
let valueTitle: Edit

/** An editor's publish over REST, until the site server returns the page with it. */
async function publishAndWait({ collection, id, field, page }: Edit): Promise<number> {
  const text = `${collection === 'values' ? 'Accountability' : 'A question'}, edit ${++run}`
  const started = performance.now()
  const response = await fetch(`${cms.url}/api/${collection}/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ [field]: text, _status: 'published' }),
  })
  if (!response.ok) throw new Error(`publishing answered ${response.status}`)
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(20)) {
    if (
      (
        await fetch(`${site.url}${page}`).then(
          (r) => r.text(),
          () => '',
        )
      ).includes(text)
    )
      return performance.now() - started
  }
  throw new Error(`"${text}" did not go live on ${page} within 2 minutes`)
}

async function measure(count: number, edit = valueTitle) {
  const latencies: number[] = []
  for (let i = 0; i < count; i++) {
    latencies.push(await publishAndWait(edit))
    await sleep(200)
  }
  const { docs } = await payload.find({ collection: 'site-builds', sort: '-id', limit: count, depth: 0 })
  const buildTimes = docs.map((b) => b.durationMs ?? 0).sort((a, b) => a - b)
  const sorted = [...latencies].sort((a, b) => a - b)
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), build: quantile(buildTimes, 0.5), pages: docs[0]?.pagesBuilt ?? 0, all: latencies }
}

/** The whole site built by a fresh builder process with an empty cache, as after a new install. */
async function coldBuild(): Promise<number> {
  const dir = path.join(builds.buildsDir, 'cold')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(path.join(dir, 'cache'), { recursive: true })
  const builder = createSiteBuilder()
  const started = performance.now()
  const result = await builder.build(0, path.join(dir, 'out'), { CMS_URL: cms.url, SITE_URL: 'http://127.0.0.1', ASTRO_CACHE_DIR: path.join(dir, 'cache') })
  const elapsed = performance.now() - started
  builder.stop()
  rmSync(dir, { recursive: true, force: true })
  if (!result.ok) throw new Error(`The cold build failed:\n${result.log}`)
  return elapsed
}

/** New content, quietly (no build per document), then one build to put it live. */
async function grow(add: () => Promise<void>) {
  await add()
  await requestSiteBuildNow(payload, { reason: 'Bench: content added' })
  await settledBuilds(payload, { runJobs: false, timeout: 600_000 })
}

const quiet = { context: { seeding: true } }
async function faqsUpTo(total: number) {
  const { totalDocs } = await payload.count({ collection: 'faqs' })
  const { docs: categories } = await payload.find({ collection: 'faq-categories', limit: 10 })
  for (let i = totalDocs; i < total; i++) {
    await payload.create({
      collection: 'faqs',
      ...quiet,
      data: { question: `Bench question ${i}?`, category: categories[i % categories.length]!.id, answer: paragraphs(`Answer ${i}.`), _status: 'published' },
    })
  }
}

/** A media upload made here: a PNG of a colour, or a small PDF. */
async function upload(name: string, kind: 'image' | 'pdf', n: number): Promise<number> {
  const data = kind === 'image' ? await png(1600, 900, { r: n % 255, g: (n * 7) % 255, b: 90 }) : pdf(`Report ${n}`)
  const file = { data, mimetype: kind === 'image' ? 'image/png' : 'application/pdf', name, size: data.length }
  return (await payload.create({ collection: 'media', ...quiet, data: { alt: `Bench ${kind} ${n}` }, file })).id
}

beforeAll(async () => {
  // This process signs the editor in: with the production CMS's secret, so that it takes the token.
  process.env.PAYLOAD_SECRET = productionEnv.PAYLOAD_SECRET
  const started = await startTestPayload()
  payload = started.payload
  databaseUrl = started.databaseUrl
  await seedContent(payload)
  token = (await signIn(payload, 'admin')).token
  valueTitle = { collection: 'values', id: (await payload.find({ collection: 'values', limit: 1 })).docs[0]!.id, field: 'title', page: '/values' }
  // No emails here: production refuses to start without mail settings unless told so.
  const publishing = { SITE_BUILDS_DIR: builds.buildsDir, EMAIL_LOG_ONLY: 'true' }
  cms = await startProductionCms(databaseUrl, { env: publishing })
  worker = startWorker(databaseUrl, { ...productionEnv, ...publishing, SITE_BUILD_CMS_URL: cms.url })
  await worker.ready()
  await grow(async () => {})
  site = await serveLiveSite(builds.buildsDir, {
    env: { NODE_ENV: 'production', NEWSLETTER_SITE_TOKEN: productionEnv.NEWSLETTER_SITE_TOKEN, CMS_URL: cms.url },
  })
}, 900_000)

afterAll(async () => {
  site?.stop()
  await worker?.stop()
  await cms?.stop()
})

it('measures publish-to-live latency, and how it grows with the content', async () => {
  const seeded = await measure(PUBLISHES)

  const growth: string[] = []
  for (const size of [10, 100, 1000]) {
    await grow(() => faqsUpTo(size))
    const measured = await measure(GROWTH_PUBLISHES)
    growth.push(
      `| ${size.toLocaleString('en-US')} | ${measured.pages} | ${seconds(measured.median)} | ${seconds(measured.build)} | ${seconds(await coldBuild())} |`,
    )
  }

  await grow(async () => {
    for (let year = 5790; year < 5840; year++) {
      await payload.create({
        collection: 'annual-reports',
        ...quiet,
        data: { hebrewYear: year, title: `Report ${year}`, summary: 'A year.', body: paragraphs('Body.'), _status: 'published' },
      })
    }
  })
  const large = await measure(PUBLISHES)
  // The longest page re-rendered, indexed and compressed on every publish: the FAQ with its 1,000 entries.
  const faqQuestion: Edit = {
    collection: 'faqs',
    id: (await payload.find({ collection: 'faqs', limit: 1, depth: 0 })).docs[0]!.id,
    field: 'question',
    page: '/faq',
  }
  const largeFaq = await measure(PUBLISHES, faqQuestion)

  await grow(async () => {
    const { docs } = await payload.find({ collection: 'annual-reports', where: { hebrewYear: { greater_than_equal: 5790 } }, limit: 50, depth: 0 })
    for (const report of docs) {
      const [cover, inline, pdf] = [
        await upload(`cover-${report.hebrewYear}.png`, 'image', report.hebrewYear),
        await upload(`inline-${report.hebrewYear}.png`, 'image', report.hebrewYear + 1),
        await upload(`report-${report.hebrewYear}.pdf`, 'pdf', report.hebrewYear),
      ]
      const body = {
        root: {
          ...paragraphs('Body.').root,
          children: [
            ...paragraphs('Body.').root.children,
            { type: 'upload', version: 3, format: '', id: `u${inline}`, fields: null, relationTo: 'media', value: inline },
          ],
        },
      }
      await payload.update({ collection: 'annual-reports', id: report.id, ...quiet, data: { coverImage: cover, pdf, body, _status: 'published' } })
    }
  })
  const withMedia = await measure(PUBLISHES)

  await grow(() => faqsUpTo(5000))
  const huge = await measure(GROWTH_PUBLISHES)
  growth.push(
    `| 5,000 (with the 50 reports and their media) | ${huge.pages} | ${seconds(huge.median)} | ${seconds(huge.build)} | ${seconds(await coldBuild())} |`,
  )

  const row = (label: string, r: typeof seeded) => `| ${label} | ${r.pages} | ${seconds(r.median)} | ${seconds(r.p95)} | ${seconds(r.build)} |`
  const report = `# Publish-to-live latency

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (cms/bench/publishToLive.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, one run, everything on this machine.
Production mode: the CMS with \`next start\` on its production build (NODE_ENV=production), the job
runner as a process of its own (\`payload worker\`, with its warm site builder), the site server on the
live build. From an editor's REST publish (a core value's title, or where said an FAQ entry's
question) until the site server returns the page with it, one publish after the other (polling
every 20 ms). Build time is the job runner's (site-builds \`durationMs\`: the build and the swap).

| site | pages | median | p95 | median build |
|---|---|---|---|---|
${row('seeded site', seeded)}
${row('1,000 FAQ entries, 50 reports', large)}
${row('the same, publishing an FAQ entry (the FAQ page is rebuilt)', largeFaq)}
${row('the same, each report with a cover, an image in its body and a PDF', withMedia)}

Targets: median ≤ 1.0 s on the seeded site, ≤ 1.5 s with 1,000 FAQ entries and 50 reports, p95 ≤ 2 s.

## How it grows

The same, ${GROWTH_PUBLISHES} publishes per size, as FAQ entries are added (all on the one FAQ page),
beside a cold build of the same content: a fresh builder process with an empty cache, as on a new
install or after the site's code changed.

| FAQ entries | pages | publish to live (median) | build (median) | cold build |
|---|---|---|---|---|
${growth.join('\n')}

Raw latencies (ms): seeded ${seeded.all.map(Math.round).join(', ')}; large ${large.all.map(Math.round).join(', ')};
large, an FAQ entry ${largeFaq.all.map(Math.round).join(', ')};
with media ${withMedia.all.map(Math.round).join(', ')}.
`
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(path.join(resultsDir, 'publish-to-live.md'), report)
}, 3_600_000)
