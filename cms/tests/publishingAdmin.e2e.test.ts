/**
 * Publishing as an editor does it, in Chromium against the real admin: create the 5784 annual
 * report, preview the draft on the site server, publish, and the static page is served and listed;
 * the site builds list links to it; unpublishing takes it off after the next build; a rollback
 * to the build that had it asks first, saying what will change, and the desk then says who rolled back. A scheduled publish goes live with nobody pressing anything.
 * The job runner is a process of its own (`payload worker`), as `pnpm start` runs it: nothing in
 * the test calls it, and it can be stopped and started again without losing a build.
 */
import type { Browser, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort } from '../src/db/freePort'
import { requestSiteBuildNow } from '../src/publishing/requestSiteBuild'
import { paragraphs } from '../src/seed/richText'
import { seedContent } from '../src/seed/seed'
import { signIn } from './helpers/api'
import { launchChromium, screenshot, signInToAdmin, waitForDocumentForm, waitForHydration } from './helpers/browser'
import type { CmsServer } from './helpers/cmsServer'
import { serveLiveSite, settledBuilds, siteBuildsForTests } from './helpers/siteBuilds'
import { startTestPayload } from './helpers/testPayload'
import { startWorker } from './helpers/worker'

const builder = siteBuildsForTests('publishing-admin')
const EDITOR = { email: 'editor@publishing.test', password: 'editor-password-123' }
const REPORT = { hebrewYear: '5784', title: 'Annual Report 5784: A Year of Mourning and Organizing', summary: 'What we did together in 5784.' }

let payload: Payload
let cms: CmsServer
let worker: ReturnType<typeof startWorker> | undefined
let site: Awaited<ReturnType<typeof serveLiveSite>>
let browser: Browser
let page: Page

const builds = async () => (await payload.find({ collection: 'site-builds', sort: 'id', limit: 0, pagination: false, depth: 0 })).docs
/** Waits until the job runner, a process of its own, has finished every queued build. */
const settled = () => settledBuilds(payload, { runJobs: false })

const fromSite = async (route: string) => {
  const response = await fetch(`${site.url}${route}`)
  return { status: response.status, html: await response.text() }
}

/** `pnpm --filter cms worker` against the test database, scheduled publishing looked for every second; resolves once it runs jobs. */
async function startJobRunner(databaseUrl: string) {
  const runner = startWorker(databaseUrl, { PAYLOAD_JOBS_CRON: '* * * * * *' })
  await runner.ready()
  return runner
}

let databaseUrl: string

beforeAll(async () => {
  const sitePort = await freePort()
  process.env.SITE_URL = `http://127.0.0.1:${sitePort}`
  const started = await startTestPayload()
  payload = started.payload
  databaseUrl = started.databaseUrl
  await seedContent(payload)
  await signIn(payload, 'admin') // the first account is always an admin
  await payload.create({ collection: 'users', data: { ...EDITOR, name: 'Edie Editor', role: 'editor' } })
  ;[cms, browser] = await Promise.all([builder.startCms(started.databaseUrl), launchChromium()])
  worker = await startJobRunner(databaseUrl)
  await requestSiteBuildNow(payload, { reason: 'First build' })
  await settled()
  site = await serveLiveSite(builder.buildsDir, { port: sitePort, env: { CMS_URL: cms.url } })

  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(60_000)
  await signInToAdmin(page, cms.url, EDITOR)
}, 400_000)

afterAll(async () => {
  await worker?.stop()
  site?.stop()
  await browser?.close()
  await payload?.destroy()
})

describe('an editor publishing the 5784 annual report', () => {
  let reportId: string

  it('writes the draft in the admin and previews it on the site, while the site does not have it', async () => {
    await page.goto(`${cms.url}/admin/collections/annual-reports/create`)
    // With autosave, "Create new" saves an empty draft at once and opens it.
    await page.waitForURL(/\/admin\/collections\/annual-reports\/\d+/)
    await waitForDocumentForm(page)
    // Untitled, it is headed as such, not by its record number.
    await expect.poll(() => page.locator('h1').first().innerText(), { timeout: 30_000 }).toBe('Untitled annual report')
    // The year says, as it is typed, what is wrong with it, a report that has it already, and what it gives.
    const hints = page.locator('.year-hints')
    await page.fill('#field-hebrewYear', '2024')
    await expect.poll(() => hints.innerText(), { timeout: 30_000 }).toContain('The Hebrew year must be between 5750 and 5900 (2024 is outside that range)')
    await screenshot(page, 'publishing-admin-year-error')
    const seeded = (await payload.find({ collection: 'annual-reports', where: { hebrewYear: { exists: true } }, limit: 1, depth: 0 })).docs[0]!
    await page.fill('#field-hebrewYear', String(seeded.hebrewYear))
    await expect.poll(() => hints.innerText(), { timeout: 30_000 }).toContain(`A ${seeded.hebrewYear} report already exists: open “${seeded.title}”`)
    expect(await hints.getByRole('link').getAttribute('href')).toBe(`/admin/collections/annual-reports/${seeded.id}`)
    await page.fill('#field-hebrewYear', REPORT.hebrewYear)
    await expect
      .poll(() => hints.innerText(), { timeout: 30_000 })
      .toContain('Reporting period: October 2023 to September 2024. Web address: /annual-reports/5784.')
    expect(await hints.innerText()).not.toContain('already exists')
    await screenshot(page, 'publishing-admin-year-hints')
    await hints.getByRole('button', { name: 'Use the title “Annual Report 5784”' }).click()
    expect(await page.locator('#field-title').inputValue()).toBe('Annual Report 5784')
    await page.fill('#field-title', REPORT.title)
    await page.fill('#field-summary', REPORT.summary)
    await page.locator('[data-field-path="body"] [data-lexical-editor="true"]').click()
    await page.keyboard.type('We marched, we organized, we grieved together.')
    reportId = /annual-reports\/(\d+)/.exec(page.url())![1]!
    await expect
      .poll(async () => (await payload.findByID({ collection: 'annual-reports', id: reportId, draft: true })).summary, { timeout: 20_000 })
      .toBe(REPORT.summary)
    await screenshot(page, 'publishing-admin-draft')

    const [preview] = await Promise.all([page.context().waitForEvent('page'), page.locator('#preview-button').click()])
    await preview.waitForLoadState()
    expect(preview.url()).toMatch(new RegExp(`^${site.url}/preview/annual-reports/${reportId}\\?token=`))
    await expect.poll(() => preview.locator('h1').textContent()).toBe(REPORT.title)
    await expect.poll(() => preview.locator('.preview-banner').textContent()).toContain('not published')
    await screenshot(preview, 'publishing-admin-preview')
    await preview.close()

    // The newest report's card is on the home page: previewed there too.
    const [home] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Preview on the home page' }).click()])
    await home.waitForLoadState()
    expect(home.url()).toMatch(new RegExp(`^${site.url}/preview/annual-reports/${reportId}\\?token=[^&]+&on=home$`))
    await expect.poll(() => home.locator('.report-card__title').textContent()).toBe(REPORT.title)
    await home.close()

    // The live-preview panel shows the same page and follows each autosave.
    await page.locator('#live-preview-toggler').click()
    const panel = page.frameLocator('#live-preview-iframe')
    await expect.poll(() => panel.locator('h1').textContent(), { timeout: 30_000 }).toBe(REPORT.title)
    await page.fill('#field-summary', 'What we did together in 5784, as seen in the panel.')
    await expect.poll(() => panel.locator('.lede').textContent(), { timeout: 30_000 }).toBe('What we did together in 5784, as seen in the panel.')
    await screenshot(page, 'publishing-admin-live-preview')
    await page.locator('#live-preview-toggler').click()

    expect((await fromSite('/annual-reports/5784')).status).toBe(404)
    expect(await builds()).toHaveLength(1) // autosaves built nothing
  }, 180_000)

  it('publishes it: the static page is served and listed after the build, and the editor sees it go live', async () => {
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await expect.poll(async () => (await payload.findByID({ collection: 'annual-reports', id: reportId }))._status, { timeout: 20_000 }).toBe('published')
    // Beside the Publish button, without a reload: the build, then the page on the live site.
    const goingLive = page.locator('.going-live')
    await expect.poll(() => goingLive.textContent(), { timeout: 20_000 }).toMatch(/Publishing to the public site|Live on the site/)
    const last = (await settled()).at(-1)!
    await expect.poll(() => goingLive.textContent(), { timeout: 20_000 }).toMatch(/Live on the site — view page/)
    expect(await goingLive.getByRole('link', { name: 'view page' }).getAttribute('href')).toBe(`${site.url}/annual-reports/5784`)
    await screenshot(page, 'publishing-admin-live')
    const editor = (await payload.find({ collection: 'users', where: { email: { equals: EDITOR.email } } })).docs[0]!
    expect(last).toMatchObject({
      status: 'live',
      reason: `Annual report “${REPORT.title}” published`,
      requestedBy: editor.id,
      changedPath: `${site.url}/annual-reports/5784`,
    })

    const report = await fromSite('/annual-reports/5784')
    expect(report.status).toBe(200)
    expect(report.html).toMatch(new RegExp(`<h1[^>]*>${REPORT.title}</h1>`))
    expect(report.html).toContain('We marched, we organized, we grieved together.')
    expect(report.html).not.toContain('preview-banner')
    expect((await fromSite('/annual-reports')).html).toContain('href="/annual-reports/5784"')
  }, 240_000)

  it('shows the build in Site builds with a link to the changed page', async () => {
    const last = (await builds()).at(-1)!
    await page.goto(`${cms.url}/admin/collections/site-builds/${last.id}`)
    const link = page.getByRole('link', { name: `${site.url}/annual-reports/5784` })
    await expect.poll(() => link.getAttribute('href')).toBe(`${site.url}/annual-reports/5784`)
    await screenshot(page, 'publishing-admin-site-build')
  }, 120_000)

  it('unpublishes it: the page is gone after the next build', async () => {
    await page.goto(`${cms.url}/admin/collections/annual-reports/${reportId}`)
    await waitForHydration(page.locator('.doc-controls__dots'))
    await page.locator('.doc-controls__dots').click()
    await page.locator('#action-unpublish').click()
    await page.getByRole('button', { name: 'Confirm' }).click()
    await expect.poll(async () => (await payload.findByID({ collection: 'annual-reports', id: reportId }))._status, { timeout: 20_000 }).toBe('draft')
    expect((await settled()).at(-1)!.reason).toBe(`Annual report “${REPORT.title}” unpublished`)
    expect((await fromSite('/annual-reports/5784')).status).toBe(404)
    expect((await fromSite('/annual-reports')).html).not.toContain('href="/annual-reports/5784"')
  }, 240_000)

  it('rolls back to the build that had it after saying what will change, and the desk then says what is live and who rolled back', async () => {
    const withReport = (await builds()).find((b) => b.changedPath === `${site.url}/annual-reports/5784` && b.status === 'previous')!
    await page.goto(`${cms.url}/admin/collections/site-builds/${withReport.id}`)
    const button = page.getByRole('button', { name: 'Make this build live again…' })
    await waitForHydration(button)
    await button.click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.innerText()).toContain('Put the site back to this build?')
    expect(await dialog.innerText()).toContain('Will be on the site again:')
    expect(await dialog.locator('li').allInnerTexts()).toEqual([`Annual report “${REPORT.title}”`])
    await screenshot(page, 'publishing-admin-rollback-question')
    // Asking changed nothing.
    expect((await fromSite('/annual-reports/5784')).status).toBe(404)
    await dialog.getByRole('button', { name: 'Make it live' }).click()
    await expect.poll(() => fromSite('/annual-reports/5784').then((r) => r.status), { timeout: 20_000 }).toBe(200)
    await expect.poll(async () => (await builds()).find((b) => b.id === withReport.id)!.status, { timeout: 10_000 }).toBe('live')
    await screenshot(page, 'publishing-admin-rolled-back')

    await page.goto(`${cms.url}/admin`)
    const sitePanel = page.getByRole('region', { name: 'The live site' })
    await expect
      .poll(() => sitePanel.innerText(), { timeout: 20_000 })
      .toMatch(/Rolled back: the public sees the build from .+, made live again by Edie Editor/)
    await screenshot(page, 'publishing-admin-desk-after-rollback')
  }, 120_000)
})

it('puts a report scheduled for publishing on the live site at its time, with nobody pressing anything', async () => {
  const { user: editor } = await signIn(payload, 'editor', 'scheduler@publishing.test')
  const draft = await payload.create({
    collection: 'annual-reports',
    draft: true,
    data: { hebrewYear: 5785, title: 'Annual Report 5785', summary: 'The year after.', body: paragraphs('Scheduled body.'), _status: 'draft' },
  })
  const buildsBefore = (await builds()).length
  await payload.jobs.queue({
    task: 'schedulePublish',
    waitUntil: new Date(Date.now() + 2000),
    input: { type: 'publish', doc: { relationTo: 'annual-reports', value: draft.id }, user: { relationTo: 'users', value: editor.id } },
  })
  expect((await fromSite('/annual-reports/5785')).status).toBe(404)
  await expect.poll(() => fromSite('/annual-reports/5785').then((r) => r.status), { timeout: 150_000, interval: 1000 }).toBe(200)
  expect((await fromSite('/annual-reports/5785')).html).toContain('Scheduled body.')
  expect((await builds()).length).toBeGreaterThan(buildsBefore)
}, 200_000)

it('keeps a build waiting while the job runner is stopped, and builds it when the runner is back', async () => {
  await worker!.stop()
  worker = undefined
  const [value] = (await payload.find({ collection: 'values', sort: '_order', limit: 1 })).docs
  await payload.update({ collection: 'values', id: value!.id, data: { title: 'Published while the runner was down' } })
  await new Promise((r) => setTimeout(r, 3000))
  expect((await builds()).at(-1)!.status).toBe('queued')
  expect((await fromSite('/values')).html).not.toContain('Published while the runner was down')

  worker = await startJobRunner(databaseUrl)
  await settled()
  expect((await fromSite('/values')).html).toContain('Published while the runner was down')
}, 200_000)
