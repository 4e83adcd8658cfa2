/**
 * The warm site builder (one long-lived process, web/builder/main.ts, which renders each build
 * with the code of its last full build: web/builder/renderer.ts) publishes exactly what a cold,
 * full build of the same content would: after each kind of edit an editor makes, its live build's
 * `client/` (every page and file the public gets) is compared byte for byte with a build by a
 * fresh builder process with an empty cache. Real builds, a real CMS server reading the test
 * database.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { requestSiteBuildNow } from '../src/publishing/requestSiteBuild'
import { createSiteBuilder } from '../src/publishing/siteBuilder'
import { paragraphs } from '../src/seed/richText'
import { seedContent } from '../src/seed/seed'
import { fileDigests, png } from './helpers/files'
import { settledBuilds, siteBuildsForTests } from './helpers/siteBuilds'
import { startTestPayload } from './helpers/testPayload'

const site = siteBuildsForTests('warm')
const { buildsDir } = site
// Astro writes a server-islands key into its output, a new one per build unless set: fixed, so
// that two builds of the same content can be compared.
process.env.ASTRO_KEY = randomBytes(32).toString('base64')

let payload: Payload
let cmsUrl: string

/** The published content as the warm builder put it live (through the real publishing pipeline), and its log. */
async function warmBuild(): Promise<{ files: Record<string, string>; log: string }> {
  const live = (await settledBuilds(payload, { timeout: 180_000 })).at(-1)!
  expect(live, live.logTail ?? '').toMatchObject({ status: 'live' })
  return { files: fileDigests(path.join(buildsDir, String(live.id), 'client')), log: live.logTail ?? '' }
}

let coldBuilds = 0
/** The same content built by a fresh builder process, with an empty cache: as on a new install. */
async function coldBuild(): Promise<Record<string, string>> {
  const dir = path.join(buildsDir, `cold-${++coldBuilds}`)
  const cacheDir = path.join(dir, 'cache')
  mkdirSync(cacheDir, { recursive: true })
  const builder = createSiteBuilder()
  try {
    const result = await builder.build(-coldBuilds, path.join(dir, 'out'), { CMS_URL: cmsUrl, SITE_URL: process.env.SITE_URL!, ASTRO_CACHE_DIR: cacheDir })
    expect(result.ok, result.log).toBe(true)
    expect(result.routes.reused).toBe(0)
    return fileDigests(path.join(dir, 'out', 'client'))
  } finally {
    builder.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

beforeAll(async () => {
  process.env.SITE_URL = 'https://site.example'
  const started = await startTestPayload()
  payload = started.payload
  await seedContent(payload)
  cmsUrl = (await site.startCms(started.databaseUrl)).url
  // The first build: the warm builder starts, and builds everything.
  await requestSiteBuildNow(payload, { reason: 'First build' })
}, 300_000)

const firstId = async (collection: 'values' | 'faqs' | 'annual-reports', where = {}) =>
  (await payload.find({ collection, where, sort: '_order', limit: 1, depth: 0 })).docs[0]!.id

describe('every kind of edit, built warm, is what a cold full build makes', () => {
  const edits: [string, () => Promise<unknown>][] = [
    ['the first build', async () => {}],
    [
      // The first image of the site: the full build had no image to optimise.
      'a report with a cover published',
      async () => {
        const data = await png(640, 360, '#1d5a4f')
        const cover = await payload.create({
          collection: 'media',
          data: { alt: 'A crowd at a vigil' },
          file: { data, mimetype: 'image/png', name: 'vigil.png', size: data.length },
        })
        return payload.create({
          collection: 'annual-reports',
          data: { hebrewYear: 5782, title: 'Annual Report 5782', summary: 'A year.', body: paragraphs('Body.'), coverImage: cover.id, _status: 'published' },
        })
      },
    ],
    [
      'a core value’s text',
      async () => payload.update({ collection: 'values', id: await firstId('values'), data: { summary: 'A summary, edited.', _status: 'published' } }),
    ],
    [
      'an FAQ entry added',
      async () => {
        const { docs } = await payload.find({ collection: 'faq-categories', limit: 1, depth: 0 })
        return payload.create({
          collection: 'faqs',
          data: { question: 'Is this question new?', answer: paragraphs('It is.'), category: docs[0]!.id, _status: 'published' },
        })
      },
    ],
    [
      'an FAQ entry edited',
      async () =>
        payload.update({
          collection: 'faqs',
          id: await firstId('faqs', { question: { equals: 'Is this question new?' } }),
          data: { answer: paragraphs('It is, and edited.'), _status: 'published' },
        }),
    ],
    [
      'an FAQ entry moved to the top',
      async () =>
        payload.update({
          collection: 'faqs',
          id: await firstId('faqs', { question: { equals: 'Is this question new?' } }),
          data: { _order: 'a', _status: 'published' },
        }),
    ],
    ['an FAQ entry deleted', async () => payload.delete({ collection: 'faqs', id: await firstId('faqs', { question: { equals: 'Is this question new?' } }) })],
    [
      'a report published',
      async () =>
        payload.create({
          collection: 'annual-reports',
          data: { hebrewYear: 5785, title: 'Annual Report 5785', summary: 'This year.', body: paragraphs('Now.'), _status: 'published' },
        }),
    ],
    [
      'a report edited',
      async () =>
        payload.update({
          collection: 'annual-reports',
          id: await firstId('annual-reports', { hebrewYear: { equals: 5785 } }),
          data: { summary: 'This year, edited.', _status: 'published' },
        }),
    ],
    [
      'a report unpublished',
      async () =>
        payload.update({ collection: 'annual-reports', id: await firstId('annual-reports', { hebrewYear: { equals: 5785 } }), data: { _status: 'draft' } }),
    ],
    [
      'the home page',
      async () => payload.updateGlobal({ slug: 'home', data: { joinCall: { heading: 'Join us, edited', text: 'Now more than ever.' }, _status: 'published' } }),
    ],
    ['the site settings', async () => payload.updateGlobal({ slug: 'site-settings', data: { tagline: 'A tagline, edited.', _status: 'published' } })],
    [
      'a cover’s alternative text',
      async () => {
        const { docs } = await payload.find({ collection: 'media', where: { filename: { equals: 'vigil.png' } }, depth: 0 })
        // Media has no drafts: the change goes live with the next build, which it asks for.
        return payload.update({ collection: 'media', id: docs[0]!.id, data: { alt: 'Candles held up at a vigil' } })
      },
    ],
    [
      // Its optimised copies go with it.
      'a report with a cover unpublished',
      async () =>
        payload.update({ collection: 'annual-reports', id: await firstId('annual-reports', { hebrewYear: { equals: 5782 } }), data: { _status: 'draft' } }),
    ],
  ]

  let before: Record<string, string> | undefined
  it.each(edits)(
    '%s',
    async (name, edit) => {
      await edit()
      const { files: warm, log } = await warmBuild()
      // The cover's optimised copies are made by full builds only (its file is asked for by its
      // version): a new cover, or a new version of it, needs one; everything else is rendered.
      const coverProcessed = /vigil[^ ]* \(before: /
      if (name === 'a report with a cover published' || name === 'a cover’s alternative text') {
        expect(log).toMatch(/A full build was needed: a page links \/_astro\/vigil[^ ]*, which only a full build makes/)
        expect(log).toMatch(coverProcessed)
      } else if (name !== 'the first build') {
        expect(log).toContain('Rendered with the code of the last full build')
      }
      const cold = await coldBuild()
      expect(Object.keys(warm).length).toBeGreaterThan(20)
      // The edit did reach the site (the comparison below is not of two unchanged sites)...
      if (before) expect(warm).not.toEqual(before)
      // ...and the warm, incremental build is the cold, full one, file for file.
      expect(warm).toEqual(cold)
      before = warm
    },
    300_000,
  )
})
