/**
 * Incremental site builds: after an edit, the builder renders again only the pages whose content
 * changed and reuses the others from the previous build (keyed by web/src/cms/cacheKey.ts, as
 * Astro's incremental build is; web/builder/renderer.ts), and what it produces is byte for byte
 * what a full build of the same content produces. Real builds against a real CMS server on the
 * test database.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { RouteCounts } from '../src/publishing/siteBuilder'
import { requestSiteBuildNow } from '../src/publishing/requestSiteBuild'
import { publishingSettings } from '../src/publishing/settings'
import { paragraphs } from '../src/seed/richText'
import { seedContent } from '../src/seed/seed'
import type { SiteBuild } from '../src/payload-types'
import { fileDigests } from './helpers/files'
import { siteBuilder } from '../src/publishing/siteBuilder'
import { settledBuilds, siteBuildsForTests } from './helpers/siteBuilds'
import { startTestPayload } from './helpers/testPayload'

const site = siteBuildsForTests('incremental')
const { buildsDir } = site
// Astro writes a server-islands key into the server bundle, a new random one for every build
// unless ASTRO_KEY is set. Fixed here, so that two builds of the same content can be identical.
process.env.ASTRO_KEY = randomBytes(32).toString('base64')

let payload: Payload
let reportSlugs: string[]

type Built = SiteBuild & { routes: RouteCounts; files: Record<string, string> }

/** Runs the queued builds, and returns the newest, which must have gone live, with its files. */
async function lastBuild(): Promise<Built> {
  const build = (await settledBuilds(payload, { timeout: 180_000 })).at(-1)!
  expect(build, build.logTail ?? '').toMatchObject({ status: 'live' })
  const routes = { rendered: build.routesRendered!, reused: build.routesReused! }
  expect(routes.rendered, 'the build records its rendered routes').toBeGreaterThan(0)
  return { ...build, routes, files: fileDigests(path.join(buildsDir, String(build.id))) }
}

/** A full build by a fresh builder with the cache deleted first: every page rendered, as on a fresh install. */
async function fullBuild(): Promise<Built> {
  siteBuilder.stop()
  rmSync(publishingSettings().cacheDir, { recursive: true, force: true })
  await requestSiteBuildNow(payload, { reason: 'Full build, for comparison' })
  const full = await lastBuild()
  expect(full.routes.reused).toBe(0)
  return full
}

const reportPage = (build: SiteBuild, slug: string) =>
  readFileSync(path.join(buildsDir, String(build.id), 'client', 'annual-reports', slug, 'index.html'), 'utf8')

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await seedContent(payload)
  // Three reports in all, so that an edit to one leaves others to reuse.
  for (const year of [5781, 5782]) {
    await payload.create({
      collection: 'annual-reports',
      context: { seeding: true },
      data: { hebrewYear: year, title: `Annual Report ${year}`, summary: 'A year.', body: paragraphs('Body.'), _status: 'published' },
    })
  }
  const reports = await payload.find({ collection: 'annual-reports', sort: 'hebrewYear', depth: 0 })
  reportSlugs = reports.docs.map((report) => report.slug!)
  await site.startCms(started.databaseUrl)
}, 300_000)

describe('incremental site builds', () => {
  it('re-render only the edited report and produce exactly the files of a full build', async () => {
    expect(reportSlugs).toHaveLength(3)
    const first = await fullBuild()
    expect(first.routes.rendered).toBeGreaterThanOrEqual(first.pagesBuilt!)

    const [edited, ...untouched] = (await payload.find({ collection: 'annual-reports', sort: 'hebrewYear', depth: 0 })).docs
    await payload.update({ collection: 'annual-reports', id: edited!.id, data: { title: 'Annual Report, edited once', _status: 'published' } })
    const incremental = await lastBuild()
    // Rendered with the full build's code; the two untouched reports are reused, everything else is rendered again.
    expect(incremental.logTail).toContain('Rendered with the code of the last full build')
    expect(incremental.routes).toEqual({ rendered: first.routes.rendered - untouched.length, reused: untouched.length })
    expect(reportPage(incremental, edited!.slug!)).toContain('Annual Report, edited once')

    const full = await fullBuild()
    expect(full.routes.rendered).toBe(first.routes.rendered)
    expect(Object.keys(full.files).length).toBeGreaterThan(20)
    expect(incremental.files).toEqual(full.files)
  }, 600_000)

  it('re-render every report when the site settings that every page shows change', async () => {
    // The cache now holds the full build of the current content: without a change, every report is reused.
    await requestSiteBuildNow(payload, { reason: 'Rebuild without a change' })
    const unchanged = await lastBuild()
    expect(unchanged.routes.reused).toBe(reportSlugs.length)

    await payload.updateGlobal({ slug: 'site-settings', data: { footerText: 'A footer edited for the test.', _status: 'published' } })
    const incremental = await lastBuild()
    expect(incremental.routes).toEqual({ rendered: unchanged.routes.rendered + reportSlugs.length, reused: 0 })
    for (const slug of reportSlugs) expect(reportPage(incremental, slug)).toContain('A footer edited for the test.')

    const full = await fullBuild()
    expect(incremental.files).toEqual(full.files)
  }, 600_000)
})
