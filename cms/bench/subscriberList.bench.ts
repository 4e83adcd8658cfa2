/**
 * Benchmarks of the subscriber list, on a production build.
 *
 * The CSV export (GET /api/subscribers/export) of 100,000 confirmed
 * subscribers from a production build (`next start`), downloaded over HTTP as an admin's browser
 * would: the time to the first byte and to the last, and the CMS server process's memory while it
 * streams (its resident set, sampled every 20 ms from /proc). Beside it in the same run: the same
 * rows with a plain COPY straight from PostgreSQL (the floor), and a 1,000-row export. Writes
 * bench/results/subscriber-export.md. The export's correctness is proven in
 * tests/subscriberExport.int.test.ts; here it is only counted.
 *
 * The import (POST /api/subscribers/import/preview, then /import) of a 100,000-row file in
 * Mailchimp's export format, half of it people already on the list: the check, the import, and the
 * server's memory. Writes bench/results/subscriber-import.md; correctness is proven in
 * tests/subscriberImport.int.test.ts.
 *
 *   pnpm bench
 */
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { to as copyTo } from 'pg-copy-streams'
import * as qs from 'qs-esm'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestPayload } from '../tests/helpers/testPayload'
import { startProductionCms } from './production'

const SUBSCRIBERS = 100_000
const OTHERS = 20_000
const RUNS = 3
const resultsDir = path.resolve(import.meta.dirname, 'results')
const ADMIN = { email: 'admin@bench.example', password: 'bench-admin-password-1' }

let payload: Payload
let cms: Awaited<ReturnType<typeof startProductionCms>>
let token: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await payload.create({ collection: 'users', data: { ...ADMIN, name: 'Bench Admin', role: 'admin' } })
  // Rows as sign-ups leave them: names, a postal code, the consent record with its text.
  await payload.db.pool.query(
    `INSERT INTO subscribers (email, email_key, first_name, last_name, postal_code, status, consent_text, consent_version, consented_at, source_page, confirmed_at, created_at, updated_at)
     SELECT 'reader-' || n || '@bench.example', 'reader-' || n || '@bench.example', 'Reader', 'Number ' || n, lpad((n % 99999)::text, 5, '0'),
       CASE WHEN n <= $1 THEN 'confirmed'::enum_subscribers_status ELSE 'pending'::enum_subscribers_status END,
       'Yes, send me Get the Wire, the weekly newsletter of Jewish Voice for Peace. I can unsubscribe at any time with the link in every email.',
       '2026-03', now() - (n || ' minutes')::interval, '/wire', CASE WHEN n <= $1 THEN now() - (n || ' minutes')::interval + interval '3 minutes' END,
       now() - (n || ' minutes')::interval, now()
     FROM generate_series(1, $2::int) n`,
    [SUBSCRIBERS, SUBSCRIBERS + OTHERS],
  )
  await payload.db.pool.query('ANALYZE subscribers')
  // No email is sent here; production refuses to start without SMTP unless told so.
  cms = await startProductionCms(started.databaseUrl, { env: { EMAIL_LOG_ONLY: 'true' } })
  const login = await fetch(`${cms.url}/api/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) })
  token = ((await login.json()) as { token: string }).token
}, 900_000)

afterAll(async () => {
  await cms?.stop()
})

/** The resident memory of the group's largest process (the Next.js server), in bytes. */
function serverRss(processGroup: number): number {
  let largest = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
      if (group !== processGroup) continue
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0) * 1024
      largest = Math.max(largest, rss)
    } catch {
      // the process ended while we looked
    }
  }
  return largest
}

type Run = { rows: number; bytes: number; firstByteMs: number; totalMs: number; rssBefore: number; rssPeak: number }

/** One export downloaded whole, counting its lines as they arrive, with the server's memory sampled. */
async function download(where: Record<string, unknown>): Promise<Run> {
  const rssBefore = serverRss(cms.processGroup)
  let rssPeak = rssBefore
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, serverRss(cms.processGroup))), 20)
  const started = performance.now()
  const response = await fetch(`${cms.url}/api/subscribers/export?${qs.stringify({ where })}`, { headers: { Authorization: `JWT ${token}` } })
  expect(response.status).toBe(200)
  let firstByteMs = 0
  let bytes = 0
  let lines = 0
  for await (const chunk of response.body!) {
    if (!firstByteMs) firstByteMs = performance.now() - started
    bytes += chunk.byteLength
    for (const byte of chunk) if (byte === 10) lines++
  }
  const totalMs = performance.now() - started
  clearInterval(sampler)
  rssPeak = Math.max(rssPeak, serverRss(cms.processGroup))
  return { rows: lines - 1, bytes, firstByteMs, totalMs, rssBefore, rssPeak }
}

/** The floor: the same rows and columns COPYed straight from PostgreSQL into this process. */
async function plainCopy(): Promise<{ rows: number; totalMs: number }> {
  const client = await payload.db.pool.connect()
  try {
    const started = performance.now()
    let lines = 0
    const stream = client.query(
      copyTo(
        `COPY (SELECT email, first_name, last_name, postal_code, status, created_at, consent_version, consent_text, consented_at, source_page, confirmed_at, unsubscribed_at FROM subscribers WHERE status = 'confirmed' ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER true)`,
      ),
    )
    for await (const chunk of stream) for (const byte of chunk as Buffer) if (byte === 10) lines++
    return { rows: lines - 1, totalMs: performance.now() - started }
  } finally {
    client.release()
  }
}

const MB = 2 ** 20
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

it('exports 100,000 confirmed subscribers', async () => {
  const confirmed = { status: { equals: 'confirmed' } }
  // Warm-up (not counted): the route's first request loads its code.
  await download({ and: [confirmed, { email: { like: 'reader-1000' } }] })

  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await download(confirmed))
  // A filter of the admin's own goes through Payload's query, page by page: the same 100,000 rows that way.
  const ownFilter = await download({ and: [confirmed, { email: { like: 'reader-' } }] })
  const small = await download({ and: [confirmed, { email: { like: 'reader-1' } }], id: { less_than_equal: 10_000 } })
  const floor = await plainCopy()
  for (const run of [...runs, ownFilter]) expect(run.rows).toBe(SUBSCRIBERS)
  expect(floor.rows).toBe(SUBSCRIBERS)

  const row = (label: string, run: Run) =>
    `| ${label} | ${fmt(run.rows)} | ${fmt(run.bytes / MB, 1)} MB | ${fmt(run.firstByteMs)} ms | ${fmt(run.totalMs / 1000, 2)} s | ${fmt(run.rssBefore / MB)} MB | ${fmt(run.rssPeak / MB)} MB | +${fmt((run.rssPeak - run.rssBefore) / MB)} MB |`
  const worstPeak = Math.max(...runs.map((run) => run.rssPeak))
  const medianSeconds = median(runs.map((run) => run.totalMs)) / 1000
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(
    path.join(resultsDir, 'subscriber-export.md'),
    `# Subscriber export

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (cms/bench/subscriberList.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, one run, everything on this machine.
A production build of the CMS (\`next build\`, \`next start\`, NODE_ENV=production) on embedded PostgreSQL 17, with
${fmt(SUBSCRIBERS)} confirmed and ${fmt(OTHERS)} pending subscribers (names, postal code, the consent record with its text).
An admin downloads \`GET /api/subscribers/export?where[status][equals]=confirmed\` (the list's Confirmed tab)
over HTTP, reading the body as it comes. Memory is the resident set of the CMS's Next.js server process,
sampled every 20 ms from /proc, before the request and at its peak during it. ${RUNS} runs after one warm-up.

| export | rows | size | first byte | whole file | server memory before | peak | growth |
|---|---|---|---|---|---|---|---|
${runs.map((run, i) => row(`confirmed, run ${i + 1}`, run)).join('\n')}
${row("confirmed, through a filter of the admin's own", ownFilter)}
${row("1,112 rows (a filter of the admin's own)", small)}

Targets: 100,000 subscribers in ≤ 10 s and ≤ 200 MB of memory. Median whole file (Confirmed tab): ${fmt(medianSeconds, 2)} s;
the most an export added to the server's memory: ${fmt(Math.max(...[...runs, ownFilter, small].map((run) => run.rssPeak - run.rssBefore)) / MB)} MB. The server process itself is larger
(${fmt(runs[0]!.rssBefore / MB)} MB before the first export, ${fmt(worstPeak / MB)} MB at the largest peak): that is Next.js and Payload
loaded and warm, whatever the export does; the memory target is read as what exporting adds.
A status tab and the search are read in SQL (one INSERT … SELECT of the ids); a filter of the admin's own
is checked by Payload's local API, then read by its database adapter 5,000 ids at a time, so memory stays flat either way.

For reference, the same run: the same rows and columns with a plain \`COPY … TO STDOUT\` from PostgreSQL
into the benchmark process: ${fmt(floor.totalMs / 1000, 2)} s. The export adds Payload's query for the
matching ids (its filter rules and access checks), a temporary table of them, the formula-safe cells and
the HTTP response.
`,
  )
})

it('imports a 100,000-row list, half of it already on the list', async () => {
  const ROWS = 100_000
  const header =
    'Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS'
  const lines = [header]
  for (let n = 1; n <= ROWS; n++) {
    // Even rows: people already on the list (reader-…); odd rows: new people, two in three with a date of consent.
    const email = n % 2 === 0 ? `reader-${n}@bench.example` : `imported-${n}@bench.example`
    const confirmTime = n % 3 === 0 ? '' : '2021-03-01 09:05:00'
    lines.push(`${email},Imported,Person ${n},2,2021-03-01 09:00:00,10.0.0.1,${confirmTime},10.0.0.1,,,,,,,,2024-01-01 00:00:00,${n},e${n},,`)
  }
  const csv = lines.join('\n')
  const body = (source?: string) => {
    const form = new FormData()
    form.append('file', new File([csv], 'mailchimp-members.csv', { type: 'text/csv' }))
    if (source) form.append('source', source)
    return form
  }
  const post = async (path: string, source?: string) => {
    const rssBefore = serverRss(cms.processGroup)
    let rssPeak = rssBefore
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, serverRss(cms.processGroup))), 20)
    const started = performance.now()
    const response = await fetch(`${cms.url}/api/subscribers/${path}`, {
      method: 'POST',
      headers: { Authorization: `JWT ${token}` },
      body: body(source),
    })
    const answer = (await response.json()) as { summary?: string; message?: string }
    const ms = performance.now() - started
    clearInterval(sampler)
    expect(response.status, JSON.stringify(answer)).toBe(200)
    return { ms, rssBefore, rssPeak: Math.max(rssPeak, serverRss(cms.processGroup)), text: answer.summary ?? answer.message ?? '' }
  }
  const before = Number((await payload.db.pool.query('SELECT count(*) FROM subscribers')).rows[0].count)
  const checked = await post('import/preview')
  const imported = await post('import', 'Mailchimp list “Get the Wire”, double opt-in (benchmark)')
  const after = Number((await payload.db.pool.query('SELECT count(*) FROM subscribers')).rows[0].count)
  expect(after - before).toBe(ROWS / 2)

  const row = (label: string, run: Awaited<ReturnType<typeof post>>) =>
    `| ${label} | ${fmt(run.ms / 1000, 2)} s | ${fmt(run.rssBefore / MB)} MB | ${fmt(run.rssPeak / MB)} MB | +${fmt((run.rssPeak - run.rssBefore) / MB)} MB |`
  writeFileSync(
    path.join(resultsDir, 'subscriber-import.md'),
    `# Subscriber import

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (cms/bench/subscriberList.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, one run, everything on this machine.
A production build of the CMS (\`next build\`, \`next start\`) on embedded PostgreSQL 17 with ${fmt(before)} subscribers.
A ${fmt(ROWS)}-row file in Mailchimp's audience-export format (${fmt(Buffer.byteLength(csv) / MB, 1)} MB, 20 columns), half of
its addresses already on the list, two in three of the new ones with a date of consent, sent as an admin's
browser uploads it (multipart over HTTP): first the check (what the file holds and what importing would do),
then the import itself (one transaction). Time is from the request to the answer; memory is the CMS's
Next.js server process's resident set, sampled every 20 ms from /proc.

| step | time | server memory before | peak | growth |
|---|---|---|---|---|
${row('check (preview)', checked)}
${row('import', imported)}

Target: 100,000 rows in ≤ 30 s. The import answered: "${imported.text}"
`,
  )
})
