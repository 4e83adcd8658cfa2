/**
 * Every page in the sitemap, and the 404 page, in Chromium at a phone's and a desktop's width:
 * axe-core finds no WCAG 2.2 A/AA violation. Screenshots go to web/tests/screenshots (not committed).
 */
import { AxeBuilder } from '@axe-core/playwright'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { FAQ_IMAGE_ALT } from '../setup/testContent'
import { sitemapRoutes } from './builtSite'
import { chromiumOnBuiltSite, screenshots } from './chromium'

const WIDTHS = [375, 1280]

const chromium = chromiumOnBuiltSite()

// The sitemap lists the static pages; the newsletter's on-demand pages are added by hand.
const ON_DEMAND = ['/wire', '/wire/confirm?token=not-a-real-token', '/wire/unsubscribe?token=1.not-a-real-token']
const routes = [...new Set([...sitemapRoutes(), ...ON_DEMAND, '/this-page-does-not-exist'])]
const expectedStatus = (route: string) => (route === '/this-page-does-not-exist' ? 404 : 200)

describe.each(WIDTHS)('at %i px wide', (width) => {
  it.each(routes)('%s has no accessibility violations', async (route) => {
    const context = await chromium.browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    try {
      const response = await page.goto(`${chromium.site.url}${route}`)
      expect(response?.status()).toBe(expectedStatus(route))
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
      const summary = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
      expect(summary).toEqual([])
      const name = route === '/' ? 'home' : route.slice(1).replace(/\?.*$/, '').replaceAll('/', '_')
      await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true })
    } finally {
      await context.close()
    }
  })

  it('has no horizontal scrolling and tap targets of at least 24×24 px', async () => {
    const page = await chromium.browser.newPage({ viewport: { width, height: 900 } })
    try {
      for (const route of routes) {
        await page.goto(`${chromium.site.url}${route}`)
        await page.evaluate(() => document.fonts.ready)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        expect(overflow, route).toBeLessThanOrEqual(0)
        const small = await page.evaluate(() =>
          [...document.querySelectorAll('a, button, input, select, textarea')]
            .filter((el) => {
              const box = el.getBoundingClientRect()
              const inline = getComputedStyle(el).display === 'inline' && el.closest('p, li, dd, address')
              return box.width > 0 && !inline && (box.width < 24 || box.height < 24)
            })
            .map((el) => `${el.tagName} "${el.textContent?.trim()}"`),
        )
        expect(small, route).toEqual([])
      }
    } finally {
      await page.close()
    }
  })
})

describe('what a reader sees', () => {
  it('shows the image an FAQ answer holds, loaded from the site itself', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 375, height: 900 } })
    try {
      await page.goto(`${chromium.site.url}/faq`)
      const image = page.getByRole('img', { name: FAQ_IMAGE_ALT })
      await image.scrollIntoViewIfNeeded()
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640)
      expect(new URL(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).origin).toBe(chromium.site.url)
    } finally {
      await page.close()
    }
  })

  it.each(WIDTHS)('ends short pages with the footer at the bottom of the window, at %i px', async (width) => {
    const page = await chromium.browser.newPage({ viewport: { width, height: 900 } })
    try {
      await page.goto(`${chromium.site.url}/wire/confirm?token=not-a-real-token`)
      const bottom = await page.locator('footer.site-footer').evaluate((footer) => footer.getBoundingClientRect().bottom)
      expect(Math.round(bottom)).toBeGreaterThanOrEqual(900)
    } finally {
      await page.close()
    }
  })
})
