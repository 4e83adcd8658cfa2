/**
 * The 5784 report's financial breakdown, drawn in Chromium at a phone's and a desktop's width:
 * labels legible and whole, bars in proportion to their amounts on one scale, expenses told from
 * income by texture as well as colour, and no accessibility violation with its table open too.
 * Screenshots of the chart, closed and open, go to web/tests/screenshots (not committed).
 */
import { AxeBuilder } from '@axe-core/playwright'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumOnBuiltSite, screenshots } from './chromium'

const REPORT = '/annual-reports/5784'

const chromium = chromiumOnBuiltSite()

/** Each line of the chart as drawn: its amount, the bar's drawn width and its track's. */
const drawnLines = (page: Page) =>
  page.locator('.money-line').evaluateAll((lines) =>
    lines.map((line) => {
      const label = line.querySelector<HTMLElement>('.money-label')!
      const svg = line.querySelector('svg')!
      const rect = svg.querySelector('rect')!
      return {
        label: label.textContent!,
        amount: Number(line.querySelector('.money-amount')!.textContent!.replace(/[^\d.]/g, '')),
        fontSize: Number.parseFloat(getComputedStyle(label).fontSize),
        clipped: label.scrollWidth > label.clientWidth + 1,
        track: svg.getBoundingClientRect().width,
        bar: rect.getBoundingClientRect().width,
        fill: getComputedStyle(rect).fill,
        stripes: line.querySelector('line') ? getComputedStyle(line.querySelector('line')!).strokeDasharray : 'none',
      }
    }),
  )

describe.each([375, 1280])('at %i px wide', (width) => {
  it('shows every line legibly, its bar in proportion to its amount on one scale', async () => {
    const page = await chromium.newPage({ viewport: { width, height: 900 } })
    try {
      await page.goto(`${chromium.site.url}${REPORT}`)
      await page.evaluate(() => document.fonts.ready)
      const chart = page.locator('.money-chart')
      await chart.scrollIntoViewIfNeeded()
      const lines = await drawnLines(page)
      expect(lines).toHaveLength(7)
      const scale = Math.max(...lines.map((line) => line.amount))
      for (const line of lines) {
        expect(line.fontSize, line.label).toBeGreaterThanOrEqual(16)
        expect(line.clipped, line.label).toBe(false)
        expect(line.track, line.label).toBeCloseTo(lines[0]!.track, 0)
        // Within a pixel of the exact share of the track.
        expect(Math.abs(line.bar - (line.amount / scale) * line.track), line.label).toBeLessThanOrEqual(1)
      }
      expect(lines[0]!.track).toBeGreaterThan(width === 375 ? 300 : 250)
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
      await chart.screenshot({ path: path.join(screenshots, `report-chart-${width}.png`) })
    } finally {
      await page.context().close()
    }
  })

  it('tells expenses from income by stripes, not by colour alone', async () => {
    const page = await chromium.newPage({ viewport: { width, height: 900 } })
    try {
      await page.goto(`${chromium.site.url}${REPORT}`)
      const lines = await drawnLines(page)
      const income = lines.filter((line) => line.stripes === 'none')
      const expenses = lines.filter((line) => line.stripes !== 'none')
      expect(income.map((line) => line.label)).toEqual(['Individual donors', 'Foundations and institutional grants for organizing', 'Total income'])
      expect(expenses.map((line) => line.label)).toEqual(['Organizing', 'Communications', 'Administration and fundraising', 'Total expenses'])
      expect(new Set(income.map((line) => line.fill)).size).toBe(1)
      expect(expenses[0]!.fill).not.toBe(income[0]!.fill)
    } finally {
      await page.context().close()
    }
  })

  it('opens its table of figures, with no accessibility violation', async () => {
    const page = await chromium.newPage({ viewport: { width, height: 900 } })
    try {
      await page.goto(`${chromium.site.url}${REPORT}`)
      const summary = page.getByText('Show the figures as a table')
      expect(await page.locator('table.financial-breakdown').isVisible()).toBe(false)
      await summary.click()
      expect(await page.locator('table.financial-breakdown').isVisible()).toBe(true)
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
      expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
      expect((await summary.boundingBox())!.height).toBeGreaterThanOrEqual(24)
      await page.locator('.money').screenshot({ path: path.join(screenshots, `report-chart-table-${width}.png`) })
    } finally {
      await page.context().close()
    }
  })
})
