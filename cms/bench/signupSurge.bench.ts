/**
 * Benchmark: "Get the Wire" under a surge, through the public path of a production build: the
 * site server (web/dist-server/server.mjs, NODE_ENV=production) takes sign-ups into its journal,
 * the CMS (`next build`, then `next start`) records them, a job runner (`payload worker`) emails
 * them to a local SMTP server. 5,000 sign-ups, 50 at a time, from 1,000 loopback addresses; then
 * the same with the CMS killed (SIGKILL) for 30 s in the middle; and, for reference in the same
 * run, raw single-row INSERTs into PostgreSQL at concurrency 50. Writes
 * bench/results/signup-surge.md. Correctness (nothing lost, once only) is asserted here too, but
 * proven in tests/signupEdge.e2e.test.ts; performance is only measured here.
 *
 *   pnpm bench
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { freePort } from '../src/db/freePort'
import { requestSiteBuildNow } from '../src/publishing/requestSiteBuild'
import { seedContent } from '../src/seed/seed'
import { signupSurge, type SignupResult } from '../tests/helpers/signupLoad'
import { serveLiveSite, settledBuilds, siteBuildsForTests } from '../tests/helpers/siteBuilds'
import { startTestPayload } from '../tests/helpers/testPayload'
import { startWorker } from '../tests/helpers/worker'
import { productionEnv, startProductionCms } from './production'

const SIGNUPS = 5_000
const CONCURRENCY = 50
const VISITORS = 1_000
const OUTAGE_MS = 30_000
/** Sign-ups from visitors of their own before the measured surges, not counted: see the results' text. */
const WARM_UP = 500
const resultsDir = path.resolve(import.meta.dirname, 'results')

const builds = siteBuildsForTests('bench-surge')

let payload: Payload
let databaseUrl: string
let cmsPort: number
let cms: Awaited<ReturnType<typeof startProductionCms>>
let site: Awaited<ReturnType<typeof serveLiveSite>>
let worker: ReturnType<typeof startWorker>
/** Every email the SMTP server received: when, and to whom. */
const mail: { at: number; to: string }[] = []
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {})
    stream.on('end', () => {
      for (const to of session.envelope.rcptTo) mail.push({ at: performance.now(), to: to.address.toLowerCase() })
      callback()
    })
  },
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const startCms = async () => {
  cms = await startProductionCms(databaseUrl, { port: cmsPort })
}

beforeAll(async () => {
  smtp.on('error', () => {})
  const smtpPort = await freePort()
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', () => resolve()))
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`
  process.env.NEWSLETTER_SITE_TOKEN = productionEnv.NEWSLETTER_SITE_TOKEN
  const started = await startTestPayload()
  payload = started.payload
  databaseUrl = started.databaseUrl
  await seedContent(payload)

  cmsPort = await freePort()
  await startCms()
  process.env.SITE_BUILD_CMS_URL = cms.url
  await requestSiteBuildNow(payload, { reason: 'The site for the surge benchmark' })
  expect((await settledBuilds(payload)).at(-1)).toMatchObject({ status: 'live' })
  site = await serveLiveSite(builds.buildsDir, {
    env: { NODE_ENV: 'production', NEWSLETTER_SITE_TOKEN: productionEnv.NEWSLETTER_SITE_TOKEN, CMS_URL: cms.url },
  })
  worker = startWorker(databaseUrl, productionEnv)
  await worker.ready()
}, 900_000)

afterAll(async () => {
  await worker?.stop()
  site?.stop()
  await cms?.stop()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function subscribersAmong(emails: string[]) {
  const { rows } = await payload.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM subscribers WHERE email_key = ANY($1)', [emails])
  return rows[0]!.n
}

type Run = {
  label: string
  answered: number
  refused: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  recorded: number
  emailed: number
  drainSeconds: number
  emailsPerSecond: number
}

/**
 * One surge of `count` fresh addresses; `during` runs alongside it. Accepted/s is over the surge
 * itself (first request to last answer). Waits for every sign-up to be recorded and emailed.
 */
async function surge(label: string, firstVisitor: number, during?: (results: SignupResult[]) => Promise<void>, count = SIGNUPS): Promise<Run> {
  const tag = randomUUID().slice(0, 8)
  const emails = Array.from({ length: count }, (_, i) => `surge-${tag}-${i}@bench.example`)
  const mailBefore = mail.length
  const answered: SignupResult[] = []
  const started = performance.now()
  let surgeEnd = 0
  const [results] = await Promise.all([
    signupSurge(site.url, emails, { concurrency: CONCURRENCY, visitors: VISITORS, firstVisitor, keepAlive: true, onResult: (r) => answered.push(r) }).then(
      (all) => ((surgeEnd = performance.now()), all),
    ),
    during?.(answered),
  ])
  const seconds = (surgeEnd - started) / 1000
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b)
  const ok = results.filter((r) => r.status === 200)

  const wanted = new Set(emails)
  const emailed = () =>
    new Set(
      mail
        .slice(mailBefore)
        .filter((m) => wanted.has(m.to))
        .map((m) => m.to),
    ).size
  const deadline = Date.now() + 600_000
  while ((await subscribersAmong(emails)) < ok.length || emailed() < ok.length) {
    if (Date.now() > deadline) break
    await sleep(200)
  }
  const ours = mail.slice(mailBefore).filter((m) => wanted.has(m.to))
  const lastMail = ours.at(-1)?.at ?? surgeEnd
  const firstMail = ours[0]?.at ?? surgeEnd
  return {
    label,
    answered: ok.length,
    refused: results.length - ok.length,
    seconds,
    perSecond: ok.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    recorded: await subscribersAmong(emails),
    emailed: emailed(),
    drainSeconds: (lastMail - started) / 1000,
    emailsPerSecond: ours.length / Math.max(0.001, (lastMail - firstMail) / 1000),
  }
}

/** Single-row INSERTs into a subscribers-shaped table (unique on lower(email)), 50 connections. */
async function rawInserts(count: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY })
  await pool.query('CREATE TABLE IF NOT EXISTS bench_inserts (id serial PRIMARY KEY, email text NOT NULL, created_at timestamptz DEFAULT now())')
  await pool.query('CREATE UNIQUE INDEX IF NOT EXISTS bench_inserts_email ON bench_inserts (lower(email))')
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++
        const t = performance.now()
        await pool.query('INSERT INTO bench_inserts (email) VALUES ($1)', [`raw-${i}-${randomUUID()}@bench.example`])
        latencies.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  await pool.end()
  latencies.sort((a, b) => a - b)
  return { perSecond: count / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) }
}

it('measures sign-ups under a surge, and with the CMS down for 30 s in the middle', async () => {
  // A site server just started compiles its code on its first requests; one in production has
  // served many. These visitors are not among the measured ones (the per-visitor limit).
  await surge('warm-up', 2 * VISITORS, undefined, WARM_UP)
  const calm = await surge('surge', 0)
  const outage = await surge('outage', VISITORS, async (answered) => {
    while (answered.length < SIGNUPS / 2) await sleep(10)
    await cms.kill()
    await sleep(OUTAGE_MS)
    await startCms()
  })
  const raw = await rawInserts(20_000)

  const row = (run: Run) =>
    `| ${run.label === 'surge' ? 'surge' : `surge, CMS killed for ${OUTAGE_MS / 1000} s in the middle`} | ${fmt(SIGNUPS)} | ${fmt(run.perSecond)}/s | ${fmt(run.p50, 1)} ms | ${fmt(run.p99, 1)} ms | ${run.refused} | ${fmt(run.recorded)} | ${fmt(run.emailed)} | ${fmt(run.drainSeconds, 1)} s | ${fmt(run.emailsPerSecond)}/s |`
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(
    path.join(resultsDir, 'signup-surge.md'),
    `# Get the Wire under a surge

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (cms/bench/signupSurge.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, one run, everything on this machine.
A production build: the CMS with \`next build\` and \`next start\`, a separate job runner
(\`payload worker\`), the site server (web/dist-server/server.mjs), all with NODE_ENV=production, on
embedded PostgreSQL 17; emails to a local SMTP server (smtp-server). ${fmt(SIGNUPS)} sign-ups as the
enhanced form sends them (POST /wire/signup, JSON), ${CONCURRENCY} at a time, from ${fmt(VISITORS)}
visitors on loopback addresses (127.x.y.z, ${SIGNUPS / VISITORS} sign-ups each, under the per-visitor
limit), each visitor on one kept-open connection as a browser that has just loaded the page is.
Before the measured surges, ${fmt(WARM_UP)} sign-ups from other visitors warm the servers up (not counted).
Accepted/s counts answers of 200 from the surge's first request to its last answer; latency is per request; "recorded" counts the addresses in \`subscribers\` after the drain, "emailed" the
addresses that received their confirmation email; drain is from the first request until the last email.

| run | sign-ups | accepted | p50 | p99 | refused | recorded | emailed | drain | emails |
|---|---|---|---|---|---|---|---|---|---|
${row(calm)}
${row(outage)}

Targets: ≥ 1,000 accepted/s, p99 ≤ 100 ms, 0 errors; with the CMS down, 0 refused and 0 lost.

For reference, the same run: single-row INSERTs into a subscribers-shaped table (unique index on
lower(email)), 20,000 of them over a node-pg pool of ${CONCURRENCY} connections: ${fmt(raw.perSecond)}/s,
p50 ${fmt(raw.p50, 1)} ms, p99 ${fmt(raw.p99, 1)} ms. A sign-up through the CMS's local API cost more than one such
INSERT (a read, a find, a create with hooks, a job): the site server's journal takes the person's
sign-up, and the CMS records a whole batch with two statements.
`,
  )
  // Nothing refused or lost, and the issue's performance targets: asserted once the figures are on
  // record, so that a miss is written down too.
  for (const run of [calm, outage]) {
    expect(run.refused, `${run.label}: refused`).toBe(0)
    expect(run.recorded, `${run.label}: recorded`).toBe(run.answered)
    expect(run.emailed, `${run.label}: emailed`).toBe(run.answered)
  }
  expect(calm.perSecond, 'surge: accepted per second').toBeGreaterThanOrEqual(1_000)
  expect(calm.p99, 'surge: p99 latency (ms)').toBeLessThanOrEqual(100)
  expect(calm.emailsPerSecond, 'surge: confirmation emails per second').toBeGreaterThanOrEqual(200)
}, 1_800_000)
