/**
 * Benchmark: publish-to-live latency, from the editor's publishing request to the new HTML being
 * served by the site server, for the seeded site and for a site with 1,000 FAQ entries and 50
 * annual reports. Runs the real pipeline: REST publish to a CMS server, which queues and runs the
 * site build itself, swaps `live`, and web/server.mjs serves it. Also times, on the same sites,
 * a full build (the builds' cache deleted first) against the incremental build that follows an
 * edit to one annual report. Writes bench/results/*.md.
 *
 *   pnpm bench
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, it } from 'vitest'

import { routeCounts } from '../src/publishing/buildSite'
import { publishingSettings } from '../src/publishing/settings'
import { paragraphs } from '../src/seed/richText'
import { seedContent } from '../src/seed/seed'
import { signIn } from '../tests/helpers/api'
import { type CmsServer, startCmsServer } from '../tests/helpers/cmsServer'
import { serveLiveSite } from '../tests/helpers/siteBuilds'
import { startTestPayload } from '../tests/helpers/testPayload'

const RUNS = 10
/** Full and incremental builds timed per site. */
const BUILD_RUNS = 5
const webDir = path.resolve(import.meta.dirname, '../../web')
const buildsDir = path.join(webDir, '.test-builds', `bench-${randomUUID()}`)
const resultsDir = path.resolve(import.meta.dirname, 'results')
process.env.SITE_BUILDS_DIR = buildsDir

let payload: Payload
let cms: CmsServer
let site: { url: string; stop: () => void }
let token: string
let valueId: number

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitFor(check: () => Promise<boolean>, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await sleep(50)
  }
}

async function publishAndWait(title: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${cms.url}/api/values/${valueId}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ title, _status: 'published' }),
  })
  if (!response.ok) throw new Error(`publish answered ${response.status}`)
  await waitFor(async () => (await fetch(`${site.url}/values`).then((r) => r.text(), () => '')).includes(title))
  return performance.now() - started
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!

async function measure(label: string) {
  const latencies: number[] = []
  for (let i = 1; i <= RUNS; i++) {
    latencies.push(await publishAndWait(`${label} publish ${i} ${randomUUID().slice(0, 6)}`))
    await sleep(300)
  }
  const sorted = [...latencies].sort((a, b) => a - b)
  const builds = (await payload.find({ collection: 'site-builds', sort: '-id', limit: RUNS, depth: 0 })).docs
  const durations = builds.map((b) => b.durationMs ?? 0).sort((a, b) => a - b)
  return {
    label,
    pages: builds[0]?.pagesBuilt ?? 0,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    buildMedian: quantile(durations, 0.5),
    all: latencies,
  }
}

async function cmsRequest(method: string, path: string, body: unknown) {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`)
}

/** Waits for the build that `start` causes (run by the CMS server) and returns its record. */
async function buildAfter(start: () => Promise<void>) {
  const newest = async () => (await payload.find({ collection: 'site-builds', sort: '-id', limit: 1, depth: 0 })).docs[0]
  const before = (await newest())?.id ?? 0
  await start()
  let build = await newest()
  await waitFor(async () => {
    build = await newest()
    return Boolean(build && build.id > before && (build.status === 'live' || build.status === 'failed'))
  })
  if (build!.status !== 'live') throw new Error(`Build ${build!.id} failed:\n${build!.logTail}`)
  return { durationMs: build!.durationMs ?? 0, routes: routeCounts(build!.logTail) ?? { rendered: 0, reused: 0 } }
}

/**
 * Full builds (the builds' cache deleted, as on a fresh install) against incremental ones (after
 * publishing an edit to one annual report), taken in turns, each by "Rebuild now" or a REST publish.
 */
async function measureBuilds(label: string) {
  const [report] = (await payload.find({ collection: 'annual-reports', sort: '-hebrewYear', limit: 1, depth: 0 })).docs
  const full: number[] = []
  const incremental: number[] = []
  let fullRoutes = { rendered: 0, reused: 0 }
  let incrementalRoutes = fullRoutes
  for (let i = 1; i <= BUILD_RUNS; i++) {
    rmSync(publishingSettings().cacheDir, { recursive: true, force: true })
    const cold = await buildAfter(() => cmsRequest('POST', '/api/site-builds', { reason: `Bench: full build ${i}` }))
    full.push(cold.durationMs)
    fullRoutes = cold.routes
    const edit = `${report!.title.replace(/ \(bench edit .*\)$/, '')} (bench edit ${i})`
    const warm = await buildAfter(() => cmsRequest('PATCH', `/api/annual-reports/${report!.id}`, { title: edit, _status: 'published' }))
    incremental.push(warm.durationMs)
    incrementalRoutes = warm.routes
  }
  const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5)
  return { label, full: median(full), incremental: median(incremental), fullRoutes, incrementalRoutes, all: { full, incremental } }
}


beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await seedContent(payload)
  token = (await signIn(payload, 'admin')).token
  valueId = (await payload.find({ collection: 'values', limit: 1 })).docs[0]!.id
  // The CMS runs its own jobs, site builds included, as a single-process install (compose) does.
  cms = await startCmsServer(started.databaseUrl, { runJobs: true })
  // The first build, so that there is a live site to serve.
  const first = await fetch(`${cms.url}/api/values/${valueId}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ _status: 'published' }),
  })
  if (!first.ok) throw new Error(`first publish answered ${first.status}`)
  await waitFor(async () => (await payload.count({ collection: 'site-builds', where: { status: { equals: 'live' } } })).totalDocs > 0)
  site = await serveLiveSite(buildsDir)
}, 600_000)

afterAll(async () => {
  site?.stop()
  await cms?.stop()
  rmSync(buildsDir, { recursive: true, force: true })
})

it('measures publish-to-live latency and full against incremental builds', async () => {
  const seeded = await measure('seeded site')
  const seededBuilds = await measureBuilds('seeded site')

  const quiet = { context: { seeding: true } }
  const { docs: categories } = await payload.find({ collection: 'faq-categories', limit: 10 })
  for (let i = 0; i < 1000; i++) {
    await payload.create({
      collection: 'faqs',
      ...quiet,
      data: { question: `Bench question ${i}?`, category: categories[i % categories.length]!.id, answer: paragraphs(`Answer ${i}.`), _status: 'published' },
    })
  }
  for (let year = 5790; year < 5840; year++) {
    await payload.create({
      collection: 'annual-reports',
      ...quiet,
      data: { hebrewYear: year, title: `Report ${year}`, summary: 'A year.', body: paragraphs('Body.'), _status: 'published' },
    })
  }
  const large = await measure('1,000 FAQ entries, 50 reports')
  const largeBuilds = await measureBuilds('1,000 FAQ entries, 50 reports')

  const ms = (n: number) => `${(n / 1000).toFixed(2)} s`
  const rows = [seeded, large]
    .map((r) => `| ${r.label} | ${r.pages} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.buildMedian)} |`)
    .join('\n')
  const buildRows = [seededBuilds, largeBuilds]
    .map(
      (r) =>
        `| ${r.label} | ${ms(r.full)} | ${r.fullRoutes.rendered} | ${ms(r.incremental)} | ${r.incrementalRoutes.rendered} rendered, ${r.incrementalRoutes.reused} reused | ${Math.round((1 - r.incremental / r.full) * 100)}% |`,
    )
    .join('\n')
  const report = `# Publish-to-live latency

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (cms/bench/publishToLive.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}: ${RUNS} publishes each, one at a time.
From the REST publishing request until the site server returns the new HTML. The CMS runs its own
jobs (one process, as in docker compose); with a separate \`payload worker\` add up to a second, its
polling interval. Builds are incremental
(Astro's incremental build): each publish changes a value, so the values page and the other pages
without a cache key are rendered again and the annual report pages are reused.

| site | pages built | median | p95 | median build time |
|---|---|---|---|---|
${rows}

Targets: median under 5 s for the seeded site, under 10 s at 1,000 entries.

Raw latencies (ms): seeded ${seeded.all.map(Math.round).join(', ')}; large ${large.all.map(Math.round).join(', ')}.

## Full against incremental builds

The same sites, ${BUILD_RUNS} of each, in turns: a full build (the builds' cache deleted first, as on a fresh
install; started with "Rebuild now") and the incremental build that follows publishing an edit to
one annual report. Build time is the builder's (site-builds \`durationMs\`): \`astro build\` and the swap.
Only the annual report pages have a cache key (the one route with \`getStaticPaths\`), so only they can
be reused; every other route is rendered by every build. Either kind of build bundles the site's code
with Vite first, which is most of its time.

| site | full build (median) | routes rendered | incremental build (median) | routes | saved |
|---|---|---|---|---|---|
${buildRows}

Raw build times (ms): seeded full ${seededBuilds.all.full.join(', ')}, incremental ${seededBuilds.all.incremental.join(', ')};
large full ${largeBuilds.all.full.join(', ')}, incremental ${largeBuilds.all.incremental.join(', ')}.
`
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(path.join(resultsDir, 'publish-to-live.md'), report)
  console.log(report)
}, 1_800_000)
