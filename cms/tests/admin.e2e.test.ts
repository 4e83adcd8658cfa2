/**
 * An editor in the real admin, in Chromium: signs in, writes and publishes an FAQ entry,
 * drags it to the top of the list, and the public API then returns the new order; a writer is told
 * why they have no Publish button and sees no drag handles.
 */
import type { Browser, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seedContent } from '../src/seed/seed'
import { launchChromium, screenshot, signInToAdmin, waitForDocumentForm, waitForHydration } from './helpers/browser'
import { type CmsServer, startCmsServer } from './helpers/cmsServer'
import { startTestPayload } from './helpers/testPayload'

const EDITOR = { email: 'editor@test.example', password: 'editor-password-123' }
const QUESTION = 'How can I join a local chapter?'

let payload: Payload
let server: CmsServer
let browser: Browser
let page: Page

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await seedContent(payload)
  await payload.create({ collection: 'users', data: { ...EDITOR, name: 'Edie Editor', role: 'editor' } })
  ;[server, browser] = await Promise.all([startCmsServer(started.databaseUrl), launchChromium()])
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(60_000)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function publicFaqQuestions(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/faqs?limit=100&depth=0`)
  expect(response.status).toBe(200)
  const body = (await response.json()) as { docs: { question: string }[] }
  return body.docs.map((d) => d.question)
}

it('sends security headers with the admin and the API, and HttpOnly session cookies', async () => {
  for (const path of ['/admin/login', '/api/values']) {
    const response = await fetch(`${server.url}${path}`)
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
    expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'self'")
    expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN')
  }
  const login = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(EDITOR),
  })
  const cookie = login.headers.get('set-cookie') ?? ''
  expect(cookie).toMatch(/payload-token=/)
  expect(cookie).toMatch(/HttpOnly/i)
  expect(cookie).toMatch(/SameSite=Lax/i)
}, 120_000)

it('sends a person who opens the admin at another address to the configured one, before they type anything', async () => {
  // The test's CMS_URL names 127.0.0.1; localhost reaches the same server.
  const elsewhere = server.url.replace('127.0.0.1', 'localhost')
  await page.goto(`${elsewhere}/admin/login?redirect=%2Fadmin%2Fcollections%2Fusers`)
  await page.waitForURL(`${server.url}/admin/login?redirect=%2Fadmin%2Fcollections%2Fusers`)
  await page.locator('input[name="email"]').waitFor()
  const direct = await (await fetch(`${elsewhere}/admin/collections/users`, { redirect: 'manual' })).text()
  expect(direct).toContain(`<meta http-equiv="refresh" content="0;url=${server.url}/admin/collections/users">`)
  expect(direct).toContain(`<a href="${server.url}/admin/collections/users">`)
  // The API answers at any address: the site server and tools call it by other names.
  expect((await fetch(`${elsewhere}/api/values`, { redirect: 'manual' })).status).toBe(200)
})

it('lets an editor sign in', async () => {
  await page.goto(`${server.url}/admin/login`)
  await page.fill('input[name="email"]', EDITOR.email)
  await page.fill('input[name="password"]', EDITOR.password)
  await screenshot(page, 'admin-login')
  await page.click('button[type="submit"]')
  await page.waitForURL(/\/admin\/?$/)
  await page.getByRole('heading', { name: 'Content' }).waitFor()
  await screenshot(page, 'admin-dashboard')
}, 180_000)

it('lets an editor write and publish an FAQ entry', async () => {
  await page.goto(`${server.url}/admin/collections/faqs/create`)
  await waitForDocumentForm(page)
  await page.fill('#field-question', QUESTION)
  await page.locator('#field-category').click()
  // As a person pauses after choosing: the form state Payload asks the server for after a change
  // arrives before the next keystroke (see fillDocumentFields), so it cannot undo the choice.
  const formState = page.waitForResponse((response) => response.request().method() === 'POST' && response.request().headers()['next-action'] !== undefined)
  await page.getByText('Our role in the movement', { exact: true }).click()
  await formState
  await expect.poll(() => page.locator('#field-category').innerText()).toContain('Our role in the movement')
  const answer = page.locator('[data-field-path="answer"] [data-lexical-editor="true"]')
  await answer.click()
  await page.keyboard.type('Find the chapter nearest you and come to its next meeting.')
  await screenshot(page, 'admin-faq-create')
  await page.getByRole('button', { name: 'Publish changes' }).click()
  // What the editor is told, success or not: its text is the failure message if publishing failed.
  const toast = page
    .locator('.payload-toast-container li')
    .filter({ hasNotText: /submitting/i })
    .first()
  await toast.waitFor({ timeout: 60_000 })
  expect(await toast.textContent()).toContain('Updated successfully')
  await screenshot(page, 'admin-faq-published')
  await expect.poll(publicFaqQuestions, { timeout: 30_000 }).toContain(QUESTION)
  expect((await publicFaqQuestions()).at(-1)).toBe(QUESTION)
}, 180_000)

it('lets an editor drag the entry to the top, and the API follows', async () => {
  await page.goto(`${server.url}/admin/collections/faqs`)
  const rows = page.locator('tbody tr')
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(5)
  await waitForHydration(rows.last().locator('.sort-row'))
  const to = await rows.first().boundingBox()
  const grip = await rows.last().locator('.sort-row').boundingBox()
  expect(to && grip).toBeTruthy()
  await page.mouse.move(grip!.x + grip!.width / 2, grip!.y + grip!.height / 2)
  await page.mouse.down()
  await page.mouse.move(grip!.x + grip!.width / 2, to!.y + 4, { steps: 25 })
  await page.mouse.up()
  await expect.poll(async () => (await publicFaqQuestions())[0], { timeout: 60_000 }).toBe(QUESTION)
  await page.reload()
  await expect.poll(() => rows.first().textContent(), { timeout: 30_000 }).toContain(QUESTION)
  await screenshot(page, 'admin-faq-reordered')
}, 120_000)

it('tells a writer why there is no Publish button, and shows them no drag handles that would do nothing', async () => {
  const WRITER = { email: 'writer@test.example', password: 'writer-password-123' }
  await payload.create({ collection: 'users', data: { ...WRITER, name: 'Wren Writer', role: 'writer' } })
  const writer = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  writer.setDefaultTimeout(60_000)
  await signInToAdmin(writer, server.url, WRITER)
  await writer.goto(`${server.url}/admin/collections/values`)
  await writer.getByText('The order is the order on the site. Editors and admins change it by dragging rows.').waitFor()
  const rows = writer.locator('tbody tr')
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0)
  await expect.poll(() => rows.first().innerText(), { timeout: 30_000 }).toMatch(/\w/)
  expect(await rows.first().locator('.sort-row').isVisible()).toBe(false)
  await screenshot(writer, 'admin-values-as-writer')

  await rows.first().locator('a').first().click()
  await writer.waitForURL(/\/admin\/collections\/values\/\d+/)
  await writer.getByText('Writers save drafts: your changes are kept as a draft, and an editor or admin publishes them.').waitFor()
  expect(await writer.getByRole('button', { name: 'Publish changes' }).count()).toBe(0)
  await screenshot(writer, 'admin-value-as-writer')
  // Editors see the button and not the note.
  await page.goto(`${server.url}/admin/collections/values`)
  await page.locator('tbody tr').first().locator('a').first().click()
  await page.getByRole('button', { name: 'Publish changes' }).waitFor()
  expect(await page.getByText('Writers save drafts').count()).toBe(0)
  await writer.close()
}, 180_000)
