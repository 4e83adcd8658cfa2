/**
 * Typing in a rich-text answer after its image was selected, as a walk-through found it: with the
 * image selected, Ctrl+End and then "Hi all" must add the words at the end of the answer, in
 * order, and the draft saved must hold them there. (Without cms/src/fields/caretFromSelectedNode,
 * "H" lands at the end and "lla i" at the start of the first paragraph, also with a pause.)
 */
import type { Browser, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seedContent } from '../src/seed/seed'
import { launchChromium, screenshot, signInToAdmin, waitForDocumentForm } from './helpers/browser'
import { type CmsServer, startCmsServer } from './helpers/cmsServer'
import { png } from './helpers/files'
import { image, paragraph, richText } from './helpers/lexical'
import { startTestPayload } from './helpers/testPayload'

const EDITOR = { email: 'typist@test.example', password: 'typist-password-123' }

let payload: Payload
let server: CmsServer
let browser: Browser
let page: Page
let faqId: number

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await seedContent(payload)
  await payload.create({ collection: 'users', data: { ...EDITOR, name: 'Tia Typist', role: 'editor' } })
  const category = (await payload.find({ collection: 'faq-categories', limit: 1, depth: 0 })).docs[0]!
  const photo = await payload.create({
    collection: 'media',
    data: { alt: 'Members of a chapter at a vigil, holding candles' },
    file: { data: await png(320, 200, '#264'), mimetype: 'image/png', name: 'vigil.png', size: 400 },
  })
  const draft = await payload.create({
    collection: 'faqs',
    draft: true,
    data: {
      question: 'What happens at a vigil?',
      category: category.id,
      answer: richText(paragraph('We gather at dusk.'), image(photo.id), paragraph('We read the names.')),
      _status: 'draft',
    },
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

/** The answer's paragraphs as the editor shows them. */
const paragraphsShown = (p: Page) =>
  p.locator('[data-field-path="answer"] [data-lexical-editor="true"] p').evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''))

it('adds what is typed after Ctrl+End at the end of the answer, in order, with the image selected first', async () => {
  await page.goto(`${server.url}/admin/collections/faqs/${faqId}`)
  await waitForDocumentForm(page)
  const picture = page.locator('[data-field-path="answer"] [data-lexical-editor="true"] img').first()
  await picture.waitFor()
  await picture.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('Hi all', { delay: 120 })
  await expect.poll(() => paragraphsShown(page)).toEqual(['We gather at dusk.', 'We read the names.Hi all'])
  // And saved so: the autosaved draft holds the words where they were typed.
  await expect
    .poll(
      async () => {
        const saved = await payload.findByID({ collection: 'faqs', id: faqId, draft: true, depth: 0 })
        return JSON.stringify(saved.answer)
      },
      { timeout: 30_000 },
    )
    .toContain('We read the names.Hi all')
  await screenshot(page, 'rich-text-typing-after-image')
}, 180_000)
