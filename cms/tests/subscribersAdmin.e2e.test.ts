/**
 * An admin at the subscriber list, in Chromium: it opens on the people who get the newsletter,
 * with a tab and a count per status; exports what the list shows, saying how many first; erasing
 * someone says in its dialog what goes, then does it; a mailing tool is connected by webhook,
 * each call shows in its log, and one can be sent again.
 */
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { fillDocumentFields, launchChromium, screenshot, signInToAdmin, waitForDocumentForm, waitForHydration } from './helpers/browser'
import { type CmsServer, startCmsServer } from './helpers/cmsServer'
import { freePort } from '../src/db/freePort'
import { sendDueWebhooks } from '../src/newsletter/webhooks'
import { createConfirmedSubscriber, minimalSettings } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

const ADMIN = { email: 'admin@test.example', password: 'admin-password-123' }

let payload: Payload
let server: CmsServer
let browser: Browser
let page: Page

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await payload.create({ collection: 'users', data: { ...ADMIN, name: 'Ada Admin', role: 'admin' } })
  await createConfirmedSubscriber(payload, { email: 'miriam@reader.example', firstName: 'Miriam' })
  await createConfirmedSubscriber(payload, { email: 'yosef@reader.example', firstName: 'Yosef' })
  const gone = await createConfirmedSubscriber(payload, { email: 'gone@reader.example' })
  await payload.update({ collection: 'subscribers', id: gone.id, data: { status: 'unsubscribed' } })
  await payload.create({ collection: 'subscribers', data: { email: 'waiting@reader.example', status: 'pending', firstName: 'Waiting' } })
  ;[server, browser] = await Promise.all([startCmsServer(started.databaseUrl), launchChromium()])
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(60_000)
  await signInToAdmin(page, server.url, ADMIN)
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** How long the admin may take to show a change (the list is fetched again from the server). */
const UPDATES = { timeout: 30_000, interval: 250 }

const tabs = () => page.getByRole('navigation', { name: 'Subscribers by status' })
const listedEmails = async () => (await page.locator('table tbody tr td.cell-email').allInnerTexts()).map((text) => text.trim())

it('opens on the confirmed subscribers, with a count for each status', async () => {
  await page.goto(`${server.url}/admin/collections/subscribers`)
  await page.waitForURL(/where/)
  await tabs().waitFor()
  expect(await tabs().getByRole('button').allInnerTexts()).toEqual(['Confirmed 2', 'Pending 1', 'Unsubscribed 1', 'All 4'])
  expect(
    await tabs()
      .getByRole('button', { name: /Confirmed/ })
      .getAttribute('aria-current'),
  ).toBe('true')
  await expect.poll(listedEmails, UPDATES).toEqual(expect.arrayContaining(['miriam@reader.example', 'yosef@reader.example']))
  expect(await listedEmails()).toHaveLength(2)
  await screenshot(page, 'subscribers-confirmed')

  await tabs()
    .getByRole('button', { name: /Pending/ })
    .click()
  await expect.poll(listedEmails, UPDATES).toEqual(['waiting@reader.example'])
  expect(
    await tabs()
      .getByRole('button', { name: /Pending/ })
      .getAttribute('aria-current'),
  ).toBe('true')
}, 180_000)

it('exports every subscriber the list shows, with the count and the file name said before the download', async () => {
  await tabs()
    .getByRole('button', { name: /Confirmed/ })
    .click()
  const link = page.getByRole('link', { name: /^Export .* as CSV$/ })
  await expect.poll(() => link.textContent(), UPDATES).toBe('Export 2 subscribers as CSV')
  await expect.poll(async () => (await listedEmails()).sort(), UPDATES).toEqual(['miriam@reader.example', 'yosef@reader.example'])
  expect(await page.locator('.subscriber-export__hint').textContent()).toMatch(
    /All pages of this list .* as subscribers-confirmed-\d{4}-\d{2}-\d{2}-\d{4}-UTC\.csv\./,
  )
  await screenshot(page, 'subscribers-export')
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toMatch(/^subscribers-confirmed-\d{4}-\d{2}-\d{2}-\d{4}-UTC\.csv$/)
  const csv = await readFile((await download.path())!, 'utf8')
  expect(csv.split('\n')[0]).toContain('Email Address,First Name,Last Name')
  expect(csv).toContain('miriam@reader.example')
  expect(csv).toContain('yosef@reader.example')
  expect(csv).not.toContain('waiting@reader.example')

  await tabs()
    .getByRole('button', { name: /Pending/ })
    .click()
  await expect.poll(() => link.textContent(), UPDATES).toBe('Export 1 subscriber as CSV')
}, 120_000)

it('erases a subscriber only after a dialog that says what goes, and keeps an audit line', async () => {
  const { docs } = await payload.find({ collection: 'subscribers', where: { email: { equals: 'waiting@reader.example' } } })
  const id = docs[0]!.id
  await page.goto(`${server.url}/admin/collections/subscribers/${id}`)
  await waitForHydration(page.getByRole('button', { name: 'Erase…' }))
  await page.getByRole('button', { name: 'Erase…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByText('Erase waiting@reader.example completely?').waitFor()
  for (const part of [
    'their address, names and postal code',
    'their consent record',
    'the emails still queued for them',
    'Your mailing tool is told to erase them too',
    'choose Unsubscribed instead',
  ]) {
    await expect.poll(() => dialog.innerText(), UPDATES).toContain(part)
  }
  await screenshot(page, 'subscribers-erase-dialog')
  await dialog.getByRole('button', { name: 'Erase for good' }).click()
  await page.waitForURL(/\/admin\/collections\/subscribers(\?|$)/)
  await page.getByText(`Subscriber ${id} is erased`).waitFor()
  await screenshot(page, 'subscribers-erased')

  expect((await payload.count({ collection: 'subscribers', where: { id: { equals: id } } })).totalDocs).toBe(0)
  const audit = await payload.find({ collection: 'subscriber-erasures', depth: 0 })
  expect(audit.docs).toEqual([expect.objectContaining({ subscriberNumber: id, statusAtErasure: 'pending' })])
}, 180_000)

it('connects a mailing tool: the address is checked on its field, the secret shown, each call logged and sent again on request', async () => {
  await page.goto(`${server.url}/admin/collections/webhooks/create`)
  await waitForDocumentForm(page)
  await fillDocumentFields(page, { '#field-name': 'Action Network', '#field-url': 'http://mailing.example.org/hook' })
  await page.getByRole('button', { name: 'Save' }).click()
  await page
    .locator('.field-type.text', { has: page.locator('#field-url') })
    .getByText(/Use an https:\/\/ address/)
    .waitFor()
  expect(await payload.count({ collection: 'webhooks' })).toMatchObject({ totalDocs: 0 })
  // A port nothing listens on, on this machine: the calls fail, and the log says why.
  await fillDocumentFields(page, { '#field-url': `http://127.0.0.1:${await freePort()}/hook` })
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForURL(/\/admin\/collections\/webhooks\/\d+/)
  await expect.poll(() => page.locator('#field-secret').inputValue(), UPDATES).toMatch(/^whsec_/)
  await screenshot(page, 'webhooks-edit')

  await createConfirmedSubscriber(payload, { email: 'new-reader@reader.example', firstName: 'New' })
  expect(await sendDueWebhooks(payload, { timeoutMs: 2_000 })).toBe(1)
  await page.goto(`${server.url}/admin/collections/webhook-deliveries`)
  const row = page.locator('table tbody tr').first()
  await expect.poll(() => row.innerText(), UPDATES).toMatch(/subscriber\.confirmed[\s\S]*Action Network[\s\S]*Retrying[\s\S]*ECONNREFUSED/)
  await screenshot(page, 'webhook-deliveries')
  await row.locator('a').first().click()
  await waitForHydration(page.getByRole('button', { name: 'Send again' }))
  await page.getByRole('button', { name: 'Send again' }).click()
  await page.getByText(/will be sent again within moments/).waitFor()
  await screenshot(page, 'webhook-delivery-send-again')

  // The failure is said where an admin looks: on the webhook's page and on the desk, in words.
  const webhook = (await payload.find({ collection: 'webhooks', limit: 1 })).docs[0]!
  await page.goto(`${server.url}/admin/collections/webhooks/${webhook.id}`)
  const health = page.getByRole('region', { name: 'Is it working?' })
  await expect.poll(() => health.innerText(), UPDATES).toMatch(/Failing since .+: the mailing tool’s server refused the connection/)
  await waitForHydration(health.getByRole('button', { name: 'Send a test call' }))
  await health.getByRole('button', { name: 'Send a test call' }).click()
  await expect.poll(() => health.getByRole('status').innerText(), UPDATES).toMatch(/^The test call failed: the mailing tool’s server refused the connection/)
  await screenshot(page, 'webhook-failing')
  await page.goto(`${server.url}/admin`)
  const desk = page.getByRole('region', { name: /^Webhooks failing/ })
  await expect.poll(() => desk.innerText(), UPDATES).toMatch(/Action Network: failing since .+, the mailing tool’s server refused the connection/)
  await screenshot(page, 'desk-webhook-failing')
}, 180_000)

it('imports a list after showing what it holds, what will happen and which rows are left out', async () => {
  await page.goto(`${server.url}/admin/collections/subscribers`)
  await page.getByRole('link', { name: /^Export .* as CSV$/ }).waitFor()
  await page.getByRole('link', { name: /Import a list from Mailchimp/ }).click()
  await page.waitForURL(/\/admin\/import-subscribers$/)
  await waitForHydration(page.getByRole('button', { name: 'Check the file' }))
  const csv = [
    'Email Address,First Name,CONFIRM_TIME,LEID',
    'miriam@reader.example,Miriam,2021-03-01 09:05:00,1',
    'fresh@reader.example,Fresh,,2',
    'broken,,,3',
  ].join('\n')
  await page.locator('#import-file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByRole('button', { name: 'Check the file' }).click()
  const preview = page.getByRole('region', { name: 'What the file holds' })
  await expect
    .poll(() => preview.getByRole('status').textContent(), UPDATES)
    .toBe(
      'Nothing is imported yet. The import will add 0 confirmed, 1 pending (not emailed) and 0 unsubscribed. Already on the list: 0 to be confirmed by the file, 0 to be unsubscribed by it, 1 to be left as they are. Rows to be left out: 1; repeated addresses to be merged: 0.',
    )
  expect(await preview.getByRole('row', { name: /Date of consent/ }).textContent()).toContain('CONFIRM_TIME')
  expect(await preview.getByRole('row', { name: /^4/ }).textContent()).toContain('Enter an email address like name@example.org.')
  await screenshot(page, 'subscribers-import-preview')

  // Importing needs the source of their consent: said on its field.
  await preview.getByRole('button', { name: 'Import 2 people' }).click()
  await expect.poll(() => page.locator('#source-problem').textContent(), UPDATES).toMatch(/^Say where these people gave their consent/)
  await page.fill('#import-source', 'Mailchimp list “Get the Wire”, double opt-in')
  // Checking the file changed nothing.
  expect((await payload.find({ collection: 'subscribers', where: { email: { equals: 'fresh@reader.example' } } })).totalDocs).toBe(0)
  await preview.getByRole('button', { name: 'Import 2 people' }).click()
  await page.getByText(/^members\.csv is imported\. Added 0 confirmed, 1 pending/).waitFor()
  await screenshot(page, 'subscribers-imported')
  expect((await payload.find({ collection: 'subscribers', where: { email: { equals: 'fresh@reader.example' } } })).docs[0]).toMatchObject({
    status: 'pending',
    importedFrom: 'Mailchimp list “Get the Wire”, double opt-in',
  })

  // Emailing the imported pending people says how many first, and asks.
  await page.getByRole('button', { name: 'Send confirmation emails…' }).click()
  const dialog = page.getByRole('dialog')
  await expect.poll(() => dialog.innerText(), UPDATES).toContain('Email 1 person?')
  expect(await dialog.innerText()).toContain('1 imported person is pending and never emailed.')
  expect(await payload.count({ collection: 'subscribers', where: { confirmationRequestedAt: { exists: true } } })).toMatchObject({ totalDocs: 0 })
  await dialog.getByRole('button', { name: 'Send the emails' }).click()
  // This site has no consent text yet: nothing is sent, nobody is marked as asked, and it says what to do.
  await page.getByText(/^Set the newsletter’s consent text in Site settings first/).waitFor()
  expect(await payload.count({ collection: 'subscribers', where: { confirmationRequestedAt: { exists: true } } })).toMatchObject({ totalDocs: 0 })
  await payload.updateGlobal({ slug: 'site-settings', data: minimalSettings })
  await page.getByRole('button', { name: 'Send confirmation emails…' }).click()
  await dialog.getByRole('button', { name: 'Send the emails' }).click()
  await page.getByText(/^1 confirmation email\(s\) are on their way; 0 imported people still wait/).waitFor()
  expect(await payload.count({ collection: 'subscribers', where: { confirmationRequestedAt: { exists: true } } })).toMatchObject({ totalDocs: 1 })
  await screenshot(page, 'subscribers-import-confirmations-sent')
}, 180_000)
