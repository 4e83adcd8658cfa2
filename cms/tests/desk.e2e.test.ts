/**
 * The desk (the admin's home page) in Chromium, as each role sees it: a writer asks for review
 * of their draft from its edit view and sees it waiting on their dashboard; the editor finds the
 * request at the top of theirs, with the drafts waiting, a scheduled publication they cancel, and
 * the failed last build in red with its log; only the admin sees the subscriber figures and chart.
 */
import type { Browser, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import type { User } from '../src/payload-types'
import { seedContent } from '../src/seed/seed'
import { launchChromium, screenshot, signInToAdmin, waitForHydration } from './helpers/browser'
import { type CmsServer, startCmsServer } from './helpers/cmsServer'
import { createConfirmedSubscriber } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

const ACCOUNTS = {
  admin: { email: 'admin@test.example', password: 'admin-password-123', name: 'Ada Admin' },
  editor: { email: 'editor@test.example', password: 'editor-password-123', name: 'Edie Editor' },
  writer: { email: 'writer@test.example', password: 'writer-password-123', name: 'Wren Writer' },
}
const MESSAGE = 'New wording agreed with the chapter leads.'

let payload: Payload
let server: CmsServer
let browser: Browser
const users = {} as Record<keyof typeof ACCOUNTS, User>
let draftId: number
let draftTitle: string

/** How long the admin may take to show a change. */
const UPDATES = { timeout: 30_000, interval: 250 }

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await seedContent(payload)
  for (const role of ['admin', 'editor', 'writer'] as const) {
    users[role] = await payload.create({ collection: 'users', data: { ...ACCOUNTS[role], role } })
  }
  // A writer's unpublished change to a published FAQ entry, saved as the writer.
  const faq = (await payload.find({ collection: 'faqs', limit: 1, sort: 'createdAt', depth: 0 })).docs[0]!
  draftId = faq.id
  draftTitle = `${faq.question} (reworded)`
  await payload.update({
    collection: 'faqs',
    id: faq.id,
    draft: true,
    data: { question: draftTitle, _status: 'draft' },
    user: users.writer,
    overrideAccess: false,
  })
  await createConfirmedSubscriber(payload, { email: 'miriam@reader.example', confirmedAt: new Date().toISOString() })
  ;[server, browser] = await Promise.all([startCmsServer(started.databaseUrl), launchChromium()])
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function signedIn(role: keyof typeof ACCOUNTS): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  page.setDefaultTimeout(60_000)
  await signInToAdmin(page, server.url, ACCOUNTS[role])
  await page.getByRole('heading', { name: 'What needs you' }).waitFor()
  return page
}

const section = (page: Page, name: string | RegExp) => page.getByRole('region', { name })

it('lets a writer ask for review from the draft, and shows it waiting on their desk', async () => {
  const page = await signedIn('writer')
  expect(await section(page, /^Your drafts/).innerText()).toContain(draftTitle)
  expect(await page.getByRole('heading', { name: 'Get the Wire subscribers' }).count()).toBe(0)
  expect(await page.getByRole('heading', { name: 'The live site' }).count()).toBe(0)

  await page.goto(`${server.url}/admin/collections/faqs/${draftId}`)
  await waitForHydration(page.getByRole('button', { name: 'Ask for review' }))
  await page.getByRole('button', { name: 'Ask for review' }).click()
  await page.getByLabel('Message for the editors (optional)').fill(MESSAGE)
  await screenshot(page, 'desk-ask-for-review')
  await page.getByRole('button', { name: 'Send for review' }).click()
  await page.getByText('Sent: the editors see your request at the top of their dashboard.').waitFor()
  expect(await payload.count({ collection: 'review-requests', where: { requestedBy: { equals: users.writer.id } } })).toMatchObject({ totalDocs: 1 })

  await page.goto(`${server.url}/admin`)
  const mine = section(page, /^Your review requests/)
  await expect.poll(() => mine.innerText(), UPDATES).toMatch(new RegExp(`${escape(draftTitle)}[\\s\\S]*Waiting for an editor since`))
  await screenshot(page, 'desk-writer')
  await page.context().close()
}, 240_000)

it('puts the request at the top of the editor’s desk, with the drafts, what is scheduled and a failed build', async () => {
  const value = (await payload.find({ collection: 'values', limit: 1, depth: 0 })).docs[0]!
  await payload.jobs.queue({
    task: 'schedulePublish',
    waitUntil: new Date(Date.now() + 3 * 24 * 3600 * 1000),
    input: { type: 'unpublish', doc: { relationTo: 'values', value: value.id }, user: { relationTo: 'users', value: users.editor.id } },
  })
  const build = await payload.create({ collection: 'site-builds', data: { status: 'queued', reason: 'FAQ entry published' } })
  await payload.update({ collection: 'site-builds', id: build.id, data: { status: 'failed', logTail: 'Error: /faq failed to render: heading is empty' } })

  const page = await signedIn('editor')
  const regions = await page.locator('.desk > section').evaluateAll((nodes) => nodes.map((node) => node.querySelector('h3')?.textContent))
  expect(regions[0]).toMatch(/^Asked for review/)
  const requests = section(page, /^Asked for review/)
  expect(await requests.innerText()).toMatch(new RegExp(`${escape(draftTitle)}[\\s\\S]*Asked by Wren Writer[\\s\\S]*${MESSAGE}`))
  const drafts = section(page, /^Drafts waiting for publication/)
  expect(await drafts.getByRole('row', { name: new RegExp(escape(draftTitle)) }).innerText()).toContain('by Wren Writer')
  expect(await drafts.getByRole('link', { name: `Preview ${draftTitle}` }).getAttribute('href')).toMatch(new RegExp(`/preview/faqs/${draftId}\\?token=`))
  const site = section(page, 'The live site')
  expect(await site.innerText()).toContain('Last build: Failed')
  expect(await site.getByLabel("The end of the failed build's log").innerText()).toContain('heading is empty')
  expect(await page.getByRole('heading', { name: 'Get the Wire subscribers' }).count()).toBe(0)
  await screenshot(page, 'desk-editor')

  const scheduled = section(page, /^Scheduled/)
  expect(await scheduled.innerText()).toContain(`Unpublish ${value.title}`)
  const cancel = scheduled.getByRole('button', { name: `Cancel: Unpublish ${value.title}` })
  await waitForHydration(cancel)
  await cancel.click()
  await expect.poll(() => scheduled.innerText(), UPDATES).toContain('Nothing is scheduled.')
  expect(await payload.count({ collection: 'payload-jobs', where: { taskSlug: { equals: 'schedulePublish' } } })).toMatchObject({ totalDocs: 0 })

  await requests.getByRole('link', { name: draftTitle }).click()
  await page.waitForURL(new RegExp(`/admin/collections/faqs/${draftId}$`))
  await page.context().close()
}, 240_000)

it('shows the subscriber figures and the weekly chart to the admin only', async () => {
  const page = await signedIn('admin')
  const figures = section(page, 'Get the Wire subscribers')
  expect(await figures.getByRole('listitem').allInnerTexts()).toEqual(['1 confirmed', '0 pending', '0 unsubscribed'])
  expect(await figures.getByRole('img').getAttribute('aria-label')).toBe(
    'Confirmed sign-ups per week over the last 12 weeks: 1 in all; the busiest week had 1.',
  )
  await screenshot(page, 'desk-admin')
  await page.context().close()
}, 240_000)

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
