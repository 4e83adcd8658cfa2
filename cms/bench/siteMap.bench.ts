/**
 * The checks before publishing read the site's map (published slugs and media names: what a link
 * may point to, src/checks/siteLinks.ts) on every save, autosaves included. Timed here on a site
 * with 5,000 published FAQ entries, beside, in the same run, the same slugs read through the local
 * API (`payload.find`, with its read hooks), as the checks read them before. Writes
 * bench/results/site-map.md. What the map holds is proven in tests/checks.int.test.ts.
 *
 *   pnpm bench
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { beforeAll, expect, it } from 'vitest'

import { loadSiteMap } from '../src/checks/siteLinks'
import { SITE_ROUTES } from '../src/contract'
import { seedContent } from '../src/seed/seed'
import { query } from '../src/db/sql'
import { startTestPayload } from '../tests/helpers/testPayload'

const FAQS = 5_000
const RUNS = 21

let payload: Payload

beforeAll(async () => {
  ;({ payload } = await startTestPayload())
  await seedContent(payload)
  // Copies of a seeded entry, each with its own slug: set-based, as creating 5,000 entries through
  // the local API would take minutes and is not what is measured.
  await query(
    payload,
    `INSERT INTO faqs (_order, question, slug, category_id, answer, updated_at, created_at, _status)
     SELECT f._order || n, f.question || ' ' || n, f.slug || '-' || n, f.category_id, f.answer, now(), now(), 'published'
     FROM (SELECT * FROM faqs WHERE _status = 'published' LIMIT 1) f, generate_series(1, $1) n`,
    [FAQS],
  )
})

async function timed(read: () => Promise<unknown>): Promise<{ median: number; p90: number }> {
  await read()
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    await read()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(RUNS / 2)]!, p90: times[Math.ceil(RUNS * 0.9) - 1]! }
}

it('reads the site map on a site with 5,000 published FAQ entries', async () => {
  const site = await loadSiteMap(payload)
  const published = await payload.count({ collection: 'faqs', where: { _status: { equals: 'published' } } })
  expect(published.totalDocs).toBeGreaterThan(FAQS)
  expect(site.anchors.get(SITE_ROUTES.faq)!.size).toBeGreaterThan(FAQS)

  const map = await timed(() => loadSiteMap(payload))
  const localApi = await timed(() =>
    payload.find({ collection: 'faqs', where: { _status: { equals: 'published' } }, select: { slug: true }, depth: 0, pagination: false, draft: false }),
  )
  const ms = (n: number) => `${n.toFixed(1)} ms`
  writeFileSync(
    path.resolve(import.meta.dirname, 'results', 'site-map.md'),
    `# The checks' site map

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (cms/bench/siteMap.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, one run; embedded PostgreSQL 17.
The seeded site plus ${FAQS.toLocaleString('en-US')} published FAQ entries (${published.totalDocs.toLocaleString('en-US')} in all). ${RUNS} reads each, after one not counted.

| read | median | p90 |
|---|---|---|
| the whole site map, as each save reads it (5 reads from the database adapter) | ${ms(map.median)} | ${ms(map.p90)} |
| for reference: the FAQ slugs alone through the local API (\`payload.find\`, read hooks included) | ${ms(localApi.median)} | ${ms(localApi.p90)} |
`,
  )
})
