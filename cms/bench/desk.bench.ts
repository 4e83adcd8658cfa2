/**
 * The desk (the admin's home page) on a production build, with 1,000 FAQ entries of which 400
 * carry a writer's unpublished change, 50 review requests, 20 scheduled publications, 30 site
 * builds and 20,000 subscribers: the whole dashboard page (GET /admin, server-rendered HTML) for
 * each role, and, beside it in the same run, Payload's own FAQ list view (GET
 * /admin/collections/faqs) as a reference; then the desk's reads alone (loadDesk, local API).
 * Writes bench/results/desk.md. What the desk shows is proven in tests/desk.int.test.ts and
 * tests/desk.e2e.test.ts; here it is only timed.
 *
 *   pnpm bench
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { loadDesk } from '../src/desk/loadDesk'
import type { User } from '../src/payload-types'
import { paragraphs } from '../src/seed/richText'
import { startTestPayload } from '../tests/helpers/testPayload'
import { startProductionCms } from './production'

const FAQS = 1_000
const DRAFTS = 400
const REQUESTS = 50
const SCHEDULED = 20
const BUILDS = 30
const SUBSCRIBERS = 20_000
const RUNS = 15
const ROLES = ['admin', 'editor', 'writer'] as const
const password = 'bench-desk-password-1'

let payload: Payload
let cms: Awaited<ReturnType<typeof startProductionCms>>
const users = {} as Record<(typeof ROLES)[number], User>
const tokens = {} as Record<(typeof ROLES)[number], string>

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  for (const role of ROLES) {
    users[role] = await payload.create({ collection: 'users', data: { email: `${role}@bench.example`, password, name: `Bench ${role}`, role } })
  }
  const category = await payload.create({ collection: 'faq-categories', data: { title: 'Questions', _status: 'published' } })
  const faqIds: number[] = []
  for (let n = 0; n < FAQS; n++) {
    const faq = await payload.create({
      collection: 'faqs',
      data: {
        question: `Question number ${n}?`,
        category: category.id,
        answer: paragraphs(`The answer to question ${n}, in a sentence or two.`),
        _status: 'published',
      },
    })
    faqIds.push(faq.id)
  }
  // Writers' unpublished changes: the writer's own and others'.
  const otherWriter = await payload.create({
    collection: 'users',
    data: { email: 'other-writer@bench.example', password, name: 'Other writer', role: 'writer' },
  })
  for (let n = 0; n < DRAFTS; n++) {
    const user = n % 4 === 0 ? users.writer : otherWriter
    await payload.update({
      collection: 'faqs',
      id: faqIds[n]!,
      draft: true,
      data: { question: `Question number ${n}, reworded?`, _status: 'draft' },
      user,
      overrideAccess: false,
    })
  }
  for (let n = 0; n < REQUESTS; n++) {
    const user = n % 4 === 0 ? users.writer : otherWriter
    await payload.create({
      collection: 'review-requests',
      data: { target: 'faqs', documentId: faqIds[n]!, message: 'Please look at the new wording.', state: 'open' },
      user,
      overrideAccess: false,
    })
  }
  for (let n = 0; n < SCHEDULED; n++) {
    await payload.jobs.queue({
      task: 'schedulePublish',
      waitUntil: new Date(Date.now() + (n + 1) * 3600_000),
      input: { type: 'publish', doc: { relationTo: 'faqs', value: faqIds[n]! }, user: { relationTo: 'users', value: users.editor.id } },
    })
  }
  for (let n = 0; n < BUILDS; n++) {
    const build = await payload.create({ collection: 'site-builds', data: { status: 'queued', reason: `FAQ entry “Question number ${n}?” published` } })
    await payload.update({
      collection: 'site-builds',
      id: build.id,
      data: { status: n === BUILDS - 1 ? 'live' : 'previous', finishedAt: new Date().toISOString() },
    })
  }
  await payload.delete({ collection: 'payload-jobs', where: { taskSlug: { equals: 'buildSite' } } })
  await payload.db.pool.query(
    `INSERT INTO subscribers (email, email_key, status, consent_text, consent_version, consented_at, source_page, confirmed_at, created_at, updated_at)
     SELECT 'reader-' || n || '@bench.example', 'reader-' || n || '@bench.example',
       CASE WHEN n % 10 = 0 THEN 'pending'::enum_subscribers_status WHEN n % 10 = 1 THEN 'unsubscribed'::enum_subscribers_status ELSE 'confirmed'::enum_subscribers_status END,
       'Yes, send me Get the Wire.', '2026-03', now() - (n * 7 || ' minutes')::interval, '/wire',
       CASE WHEN n % 10 > 1 THEN now() - (n * 7 || ' minutes')::interval + interval '3 minutes' END, now() - (n * 7 || ' minutes')::interval, now()
     FROM generate_series(1, $1::int) n`,
    [SUBSCRIBERS],
  )
  await payload.db.pool.query('ANALYZE')
  cms = await startProductionCms(started.databaseUrl, { env: { EMAIL_LOG_ONLY: 'true' } })
  for (const role of ROLES) {
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `${role}@bench.example`, password }),
    })
    const answer = (await login.json()) as { token?: string }
    if (!answer.token) throw new Error(`${role} could not sign in: ${login.status} ${JSON.stringify(answer).slice(0, 300)}`)
    tokens[role] = answer.token
  }
}, 1_200_000)

afterAll(async () => {
  await cms?.stop()
})

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.9) - 1]!
const fmt = (ms: number) => `${Math.round(ms)} ms`

/** The page's whole HTML, as the admin's browser receives it on a full load: milliseconds. */
async function timePage(pagePath: string, token: string, expected: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${cms.url}${pagePath}`, { headers: { Authorization: `JWT ${token}` }, redirect: 'manual' })
  const html = await response.text()
  const elapsed = performance.now() - started
  if (response.status !== 200 || !html.includes(expected)) throw new Error(`${pagePath} answered ${response.status} without “${expected}”`)
  return elapsed
}

async function timeLoad(user: User): Promise<number[]> {
  const times: number[] = []
  for (let run = -3; run < RUNS; run++) {
    const started = performance.now()
    await loadDesk(payload, user)
    if (run >= 0) times.push(performance.now() - started)
  }
  return times
}

it('renders each role’s desk within 300 ms of server time with 1,000 documents', async () => {
  const rows: string[] = []
  const pages: [string, () => Promise<number>][] = [
    ...ROLES.map((role): [string, () => Promise<number>] => [`dashboard, ${role}`, () => timePage('/admin', tokens[role], 'What needs you')]),
    ['FAQ list view (Payload’s own), editor', () => timePage('/admin/collections/faqs', tokens.editor, 'FAQ entries')],
  ]
  const times: Record<string, number[]> = Object.fromEntries(pages.map(([what]) => [what, []]))
  // Round by round, every page in each, so that a noisy moment of the machine falls on all alike.
  for (let round = -3; round < RUNS; round++) {
    for (const [what, time] of pages) {
      const elapsed = await time()
      if (round >= 0) times[what]!.push(elapsed)
    }
  }
  for (const [what, measured] of Object.entries(times))
    rows.push(`| ${what} (GET, whole HTML) | ${fmt(median(measured))} | ${fmt(p90(measured))} | ${fmt(Math.max(...measured))} |`)
  const reads: Record<string, number[]> = {}
  for (const role of ROLES) reads[`desk reads alone (loadDesk), ${role}`] = await timeLoad(users[role])
  for (const [what, times] of Object.entries(reads)) rows.push(`| ${what} | ${fmt(median(times))} | ${fmt(p90(times))} | ${fmt(Math.max(...times))} |`)

  const desk = await loadDesk(payload, users.editor)
  expect(desk.drafts.total).toBe(DRAFTS)
  expect(desk.reviewRequests!.total).toBe(REQUESTS)
  expect(desk.scheduled!.total).toBe(SCHEDULED)

  const worst = Math.max(...ROLES.map((role) => median(times[`dashboard, ${role}`]!)))
  writeFileSync(
    path.resolve(import.meta.dirname, 'results/desk.md'),
    `# The desk (admin home page)

Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench\` (cms/bench/desk.bench.ts) on
${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, one run, everything on this machine.
A production build of the CMS (\`next build\`, \`next start\`) on embedded PostgreSQL 17, with ${FAQS.toLocaleString('en')} published FAQ
entries, ${DRAFTS} of them with a writer's unpublished change, ${REQUESTS} open review requests, ${SCHEDULED} scheduled publications,
${BUILDS} site builds and ${SUBSCRIBERS.toLocaleString('en')} subscribers. Each page is fetched over HTTP with the role's session
token and read whole; ${RUNS} rounds after 3 warm-up rounds, each fetching every page once. The FAQ list view is Payload's own, for reference.

| what | median | p90 | slowest |
|---|---|---|---|
${rows.join('\n')}

Target: the dashboard renders in ≤ 300 ms of server time with 1,000 documents. Slowest role's median: ${fmt(worst)}.
The desk reads each list with one indexed query per kind of document (drafts are the latest versions
that are drafts, by \`latest\` and \`version._status\`; a writer's by \`version.lastChangedBy\`), at most
25 rows each, and the subscriber figures with two grouped SQL counts.
`,
  )
  console.log(rows.join('\n'))
})
