/// <reference lib="dom" />
/**
 * The hostile rich text from src/cms/richText.test.ts, rendered by richTextToHtml into a real page in
 * Chromium, and its raw hostile SVG through the allowlist alone: nothing may run, on load or when
 * a reader clicks any of its links. A control case of unsanitised HTML shows the page would notice
 * if something did.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { launchChromium } from 'cms/testing'

import { CMS_URL, hostileCases, hostileMarkup } from '../src/cms/richText.test'
import { richTextToHtml, sanitizeRichHtml } from '../src/cms/richText'

/** A made-up origin served by request routing, so relative links land somewhere harmless. */
const SITE = 'https://site.test'
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
/** Long enough for a javascript: navigation or an error handler to have run after a click. */
const SETTLE_MS = 250

const page_ = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rich text</title></head><body><main>${body}</main></body></html>`

type Findings = { dialogs: string[]; scriptErrors: string[]; pwned: unknown[]; handlerAttributes: string[] }

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

/** Nothing leaves the machine: pages, images and every other request get canned answers. */
async function newContext(findings: Findings): Promise<BrowserContext> {
  const context = await browser.newContext()
  await context.route('**/*', async (route) => {
    const request = route.request()
    if (request.resourceType() === 'image') return route.fulfill({ contentType: 'image/png', body: BLANK_PNG })
    if (request.resourceType() === 'document') return route.fulfill({ contentType: 'text/html', body: page_('<p>landed</p>') })
    return route.fulfill({ status: 204 })
  })
  context.on('dialog', (dialog) => {
    findings.dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => {})
  })
  context.on('console', (message) => {
    if (message.type() === 'error' && /script|javascript|eval|refused to|handler/i.test(message.text())) findings.scriptErrors.push(message.text())
  })
  // An uncaught exception means something ran.
  context.on('weberror', (error) => findings.scriptErrors.push(`uncaught: ${error.error().message}`))
  return context
}

async function look(page: Page, findings: Findings) {
  if (page.isClosed()) return
  const state = await page
    .evaluate(() => ({
      pwned: (window as { __pwned?: unknown }).__pwned,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.localName} ${a.name}>`),
      ),
    }))
    .catch(() => ({ pwned: undefined, handlers: [] }))
  if (state.pwned !== undefined) findings.pwned.push(state.pwned)
  findings.handlerAttributes.push(...state.handlers)
}

async function render(page: Page, html: string) {
  // Start from the made-up origin, then write the document into it.
  await page.goto(`${SITE}/`)
  await page.setContent(page_(html), { waitUntil: 'load' })
  await page.waitForTimeout(SETTLE_MS)
}

/** Loads the HTML, then reloads it once per link and clicks that link, in whatever tab it opens. */
async function exercise(html: string): Promise<Findings & { links: number }> {
  const findings: Findings = { dialogs: [], scriptErrors: [], pwned: [], handlerAttributes: [] }
  const context = await newContext(findings)
  try {
    const page = await context.newPage()
    await render(page, html)
    await look(page, findings)
    const links = await page.locator('a').count()
    for (let index = 0; index < links; index++) {
      await render(page, html)
      const popups: Page[] = []
      const onPage = (popup: Page) => popups.push(popup)
      context.on('page', onPage)
      await page.locator('a').nth(index).click({ timeout: 5_000 })
      await page.waitForTimeout(SETTLE_MS)
      context.off('page', onPage)
      await look(page, findings)
      for (const popup of popups) {
        await popup.waitForLoadState().catch(() => {})
        await look(popup, findings)
        await popup.close()
      }
    }
    return { ...findings, links }
  } finally {
    await context.close()
  }
}

describe('hostile rich text in Chromium', () => {
  it('notices script that runs (control: unsanitised HTML)', async () => {
    const unsafe =
      '<p><img src="data:image/png;base64,AAAA" onerror="window.__pwned=1"></p>' +
      '<script>throw new Error("script ran")</script>' +
      '<p><a href="javascript:alert(&quot;clicked&quot;)">click</a></p>'
    const seen = await exercise(unsafe)
    expect(seen.links).toBe(1)
    expect(seen.pwned).toContain(1)
    expect(seen.dialogs).toEqual(['alert: clicked'])
    expect(seen.scriptErrors.join('\n')).toContain('script ran')
    expect(seen.handlerAttributes).toContain('<img onerror>')
  })

  const expectNothingRan = (seen: Findings) => {
    expect(seen.dialogs).toEqual([])
    expect(seen.scriptErrors).toEqual([])
    expect(seen.pwned).toEqual([])
    expect(seen.handlerAttributes).toEqual([])
  }

  it.each(hostileCases)('$name', async ({ data }) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const html = richTextToHtml(data, { cmsUrl: CMS_URL })
    errors.mockRestore()
    expectNothingRan(await exercise(html))
  })

  it.each(hostileMarkup)('the allowlist alone: $name', async ({ html }) => {
    expectNothingRan(await exercise(sanitizeRichHtml(html)))
  })
})
