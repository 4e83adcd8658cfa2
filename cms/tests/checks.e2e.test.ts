/**
 * The checks before publishing in the admin, in Chromium: an editor opening a draft with a link
 * that leads nowhere sees the problem in the sidebar, on its field and place, and no Publish
 * button but why; pressed anyway, the server refuses it with the same words; once fixed, it
 * publishes. A report's new financial breakdown is not marked wrong when inserted, but needs lines
 * before publishing. "Check the whole site now" lists every finding across the site.
 */
import type { Browser, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seedContent } from '../src/seed/seed'
import { fillDocumentFields, launchChromium, screenshot, signInToAdmin, waitForDocumentForm, waitForHydration } from './helpers/browser'
import { png } from './helpers/files'
import { type CmsServer, startCmsServer } from './helpers/cmsServer'
import { image, link, paragraph, richText } from './helpers/lexical'
import { startTestPayload } from './helpers/testPayload'

const EDITOR = { email: 'editor@test.example', password: 'editor-password-123' }
const QUESTION = 'Where can I read more about our values?'

let payload: Payload
let server: CmsServer
let browser: Browser
let page: Page
let faqId: number

/** How long the admin may take to show a change. */
const UPDATES = { timeout: 30_000, interval: 250 }

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await seedContent(payload)
  await payload.create({ collection: 'users', data: { ...EDITOR, name: 'Edie Editor', role: 'editor' } })
  const category = (await payload.find({ collection: 'faq-categories', limit: 1, depth: 0 })).docs[0]!
  const draft = await payload.create({
    collection: 'faqs',
    draft: true,
    data: { question: QUESTION, category: category.id, answer: richText(paragraph('See ', link('/valuez', 'our values'), '.')), _status: 'draft' },
  })
  faqId = draft.id
  ;[server, browser] = await Promise.all([startCmsServer(started.databaseUrl), launchChromium()])
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(60_000)
  await signInToAdmin(page, server.url, EDITOR)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const panel = () => page.getByRole('region', { name: 'Checks before publishing' })

it('shows the problem on its place, and why there is no Publish button; the server refuses it too', async () => {
  const checksRequests: string[] = []
  const countChecksRequest = (request: { url(): string }) => {
    if (request.url().includes('/api/content-checks')) checksRequests.push(request.url())
  }
  page.on('request', countChecksRequest)
  await page.goto(`${server.url}/admin/collections/faqs/${faqId}`)
  await waitForDocumentForm(page)
  await expect.poll(() => panel().innerText(), UPDATES).toContain('To fix before publishing (1)')
  page.off('request', countChecksRequest)
  // The panel and the note by the Publish button show the same findings, read once.
  expect(checksRequests).toHaveLength(1)
  expect(await panel().innerText()).toContain('Answer, paragraph 1 The link “our values” leads nowhere: /valuez is not a page of this site')
  expect(await page.getByRole('note').filter({ hasText: 'Not ready to publish' }).innerText()).toBe(
    'Not ready to publish: 1 problem to fix, listed under “Checks before publishing”.',
  )
  expect(await page.locator('#action-save').isVisible()).toBe(false)
  expect(await page.locator('#action-save-popup').isVisible()).toBe(false)
  await screenshot(page, 'checks-blocked')

  // A drawer opened from the blocked document keeps its own Save: here a new FAQ category.
  await page.locator('#field-category .relationship-add-new__add-button').first().click()
  const drawer = page.locator('.drawer--is-open')
  await waitForHydration(drawer.locator('#action-save'))
  expect(await drawer.locator('#action-save').isVisible()).toBe(true)
  expect(await page.locator('#action-save').filter({ visible: true }).count()).toBe(1)
  await screenshot(page, 'checks-blocked-drawer')
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'detached' })

  // Pressed anyway (the button put back by hand), the server refuses, saying the same on the field.
  await page.evaluate(() => {
    for (const style of document.querySelectorAll('style')) if (style.textContent?.includes('#action-save') && style.sheet) style.sheet.disabled = true
  })
  await page.locator('#action-save').click()
  const fieldError = page.locator('[data-field-path="answer"]').getByText(/Answer, paragraph 1: The link “our values” leads nowhere/)
  await fieldError.first().waitFor({ state: 'attached' })
  await screenshot(page, 'checks-refused')
  expect((await payload.findByID({ collection: 'faqs', id: faqId, depth: 0 }))._status).toBe('draft')
}, 180_000)

it('publishes once the link is fixed', async () => {
  await payload.update({
    collection: 'faqs',
    id: faqId,
    draft: true,
    data: { answer: richText(paragraph('See ', link('/values', 'our core values'), '.')), _status: 'draft' },
  })
  await page.goto(`${server.url}/admin/collections/faqs/${faqId}`)
  await waitForDocumentForm(page)
  await expect.poll(() => panel().innerText(), UPDATES).toContain('Nothing to fix.')
  await waitForHydration(page.locator('#action-save'))
  await page.locator('#action-save').click()
  await expect.poll(async () => (await payload.findByID({ collection: 'faqs', id: faqId, depth: 0 }))._status, UPDATES).toBe('published')
}, 180_000)

it('checks an entry again when the image it shows is described in Media, so it can be published without another edit', async () => {
  const category = (await payload.find({ collection: 'faq-categories', limit: 1, depth: 0 })).docs[0]!
  const photo = await payload.create({
    collection: 'media',
    data: { alt: 'photo' },
    file: { data: await png(40, 30, '#642'), mimetype: 'image/png', name: 'vigil.png', size: 120 },
  })
  const entry = await payload.create({
    collection: 'faqs',
    draft: true,
    data: { question: 'What is a vigil?', category: category.id, answer: richText(paragraph('Like this.'), image(photo.id)), _status: 'draft' },
  })
  await page.goto(`${server.url}/admin/collections/faqs/${entry.id}`)
  await waitForDocumentForm(page)
  await expect.poll(() => panel().innerText(), UPDATES).toContain('alternative text “photo”')

  // The fix the finding asks for, made where it says: on the image, in Media.
  await page.goto(`${server.url}/admin/collections/media/${photo.id}`)
  await waitForDocumentForm(page)
  await fillDocumentFields(page, { '#field-alt': 'People holding candles outside the town hall' })
  await page.locator('#action-save').click()
  await expect
    .poll(async () => (await payload.findByID({ collection: 'media', id: photo.id, depth: 0 })).alt, UPDATES)
    .toBe('People holding candles outside the town hall')

  await page.goto(`${server.url}/admin/collections/faqs/${entry.id}`)
  await waitForDocumentForm(page)
  await expect.poll(() => panel().innerText(), UPDATES).toContain('Nothing to fix.')
  expect(await page.locator('#action-save').isVisible()).toBe(true)
  await screenshot(page, 'checks-after-media-fix')
}, 180_000)

it('inserts a financial breakdown without marking it wrong at once, and says before publishing that it needs lines', async () => {
  const report = (await payload.find({ collection: 'annual-reports', limit: 1, depth: 0 })).docs[0]!
  await page.goto(`${server.url}/admin/collections/annual-reports/${report.id}`)
  await waitForDocumentForm(page)
  const body = page.locator('[data-field-path="body"] [data-lexical-editor="true"]')
  await body.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('/Financial')
  await page.getByRole('option', { name: /Financial breakdown/ }).click()
  const lines = page.locator('[data-field-path="body"] .array-field', { has: page.getByText('Lines', { exact: true }) })
  await lines.first().waitFor()
  expect(await lines.first().getAttribute('class')).toContain('array-field--has-no-error')
  expect(await page.locator('[data-field-path="body"]').innerText()).not.toMatch(/requires at least/i)
  await expect.poll(() => panel().innerText(), UPDATES).toMatch(/Body, block \d+ \(Financial breakdown\) This block has no lines/)
  await screenshot(page, 'checks-empty-block')
}, 180_000)

it('lists every finding across the site when an editor checks the whole site', async () => {
  await payload.create({
    collection: 'values',
    draft: true,
    data: { title: 'Courage', summary: 'Courage.', body: richText(paragraph('Read ', link('/annual-reports/5700', 'an old report'), '.')), _status: 'draft' },
  })
  await page.goto(`${server.url}/admin/site-checks`)
  await waitForHydration(page.getByRole('button', { name: 'Check the whole site now' }))
  await page.getByRole('button', { name: 'Check the whole site now' }).click()
  await expect
    .poll(() => page.locator('.site-checks__run').getByRole('status').innerText(), UPDATES)
    .toMatch(/^Checked \d+ documents in [\d.]+ s: \d+ problems? to fix, \d+ warnings?\.$/)
  const courage = page.getByRole('region', { name: /^Courage/ })
  await expect
    .poll(() => courage.innerText(), UPDATES)
    .toContain('To fix: Body, paragraph 1. The link “an old report” leads nowhere: /annual-reports/5700 is not a published annual report.')
  await screenshot(page, 'checks-site-report')
}, 180_000)
