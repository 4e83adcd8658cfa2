/**
 * The built site holds exactly the CMS's published content, in the CMS's order, and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'

import { COVER_ALT, DRAFT_FAQ, DRAFT_HOME_JOIN_HEADING, DRAFT_REPORT, DRAFT_VALUE, FAQ_IMAGE_ALT, FAQ_WITH_IMAGE, REPORT_5784 } from '../setup/testContent'
import { htmlPages, page, siteDir, text } from './builtSite'

async function published<T>(path: string): Promise<T[]> {
  const response = await fetch(`${inject('cmsUrl')}/api/${path}${path.includes('?') ? '&' : '?'}limit=100&depth=0`)
  return ((await response.json()) as { docs: T[] }).docs
}

describe('the built site', () => {
  it('has every page of the brief', () => {
    const routes = htmlPages().map((p) => p.route)
    for (const route of [
      '/',
      '/values',
      '/faq',
      '/annual-reports',
      '/annual-reports/5783',
      '/annual-reports/5784',
      '/search',
      '/404',
      '/wire/check-your-inbox',
    ]) {
      expect(routes).toContain(route)
    }
  })

  it('shows the vision, who we are and the call to join on the home page', async () => {
    const home = (await fetch(`${inject('cmsUrl')}/api/globals/home`).then((r) => r.json())) as {
      joinCall: { heading: string; text: string }
    }
    const html = page('/')
    expect(text(html.querySelector('h1'))).toMatch(/^We envision a world where all people/)
    expect(text(html.querySelector('main'))).toContain('Jewish Voice for Peace is the largest progressive Jewish anti-Zionist organization')
    expect(text(html.querySelector('#join-heading'))).toBe(home.joinCall.heading)
    expect(text(html.querySelector('main'))).toContain(home.joinCall.text)
  })

  it('lists every published value in the CMS order, on the values page and the home page', async () => {
    const values = await published<{ title: string; slug: string }>('values')
    expect(values).toHaveLength(3)
    const onValuesPage = page('/values').querySelectorAll('main h2').map(text)
    expect(onValuesPage).toEqual(values.map((v) => v.title))
    for (const value of values) expect(page('/values').getElementById(value.slug)).not.toBeNull()
    expect(page('/').querySelectorAll('.value-summary h3').map(text)).toEqual(values.map((v) => v.title))
  })

  it('shows every FAQ entry under its category, in order, each with an anchor that resolves', async () => {
    const [faqs, categories] = await Promise.all([
      published<{ question: string; slug: string; category: number }>('faqs'),
      published<{ id: number; title: string }>('faq-categories'),
    ])
    const faqPage = page('/faq')
    const sections = faqPage.querySelectorAll('main section')
    const expected = categories
      .map((category) => ({ title: category.title, questions: faqs.filter((f) => f.category === category.id).map((f) => f.question) }))
      .filter((group) => group.questions.length > 0)
    expect(sections.map((s) => ({ title: text(s.querySelector('h2')), questions: s.querySelectorAll('h3').map(text) }))).toEqual(expected)
    // Each anchor is the question's heading, which search results link to.
    for (const faq of faqs) {
      const target = faqPage.getElementById(faq.slug)
      expect(target?.tagName, `#${faq.slug}`).toBe('H3')
      expect(text(target)).toBe(faq.question)
    }
    const hrefs = faqPage.querySelectorAll('a[href^="#"]').map((a) => a.getAttribute('href')!.slice(1))
    expect(hrefs.length).toBeGreaterThan(faqs.length)
    for (const id of hrefs) expect(faqPage.getElementById(id), `#${id}`).not.toBeNull()
  })

  it('shows the image an FAQ answer holds, from the site’s own copy of the file', () => {
    const entry = page('/faq')
      .querySelectorAll('article.faq')
      .find((article) => text(article.querySelector('h3')) === FAQ_WITH_IMAGE.question)
    expect(entry, 'the FAQ entry with an image').toBeDefined()
    expect(text(entry!)).toContain(FAQ_WITH_IMAGE.answerText)
    const img = entry!.querySelector('figure img')
    expect(img?.getAttribute('alt')).toBe(FAQ_IMAGE_ALT)
    expect(img?.getAttribute('src')).toBe('/media/faq-chapters.png')
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['640', '360'])
    expect(existsSync(path.join(siteDir(), 'media', 'faq-chapters.png'))).toBe(true)
  })

  it('lists published reports newest first and shows each with its Hebrew year and period', () => {
    const list = page('/annual-reports').querySelectorAll('main article h2').map(text)
    expect(list).toEqual(['Annual Report 5784', 'Annual Report 5783'])
    const report = page('/annual-reports/5783')
    expect(text(report.querySelector('h1'))).toBe('Annual Report 5783')
    expect(text(report.querySelector('.eyebrow'))).toBe('5783 (תשפ״ג) — October 2022 to September 2023')
    expect(report.querySelector('.eyebrow [lang="he"]')).not.toBeNull()
  })

  it('renders the report blocks as semantic HTML', () => {
    const report = page('/annual-reports/5784')
    expect(text(report.querySelector('h1'))).toBe(REPORT_5784.title)
    expect(report.querySelectorAll('.figures li').map((li) => text(li.querySelector('.figure')))).toEqual(['12,000', '85'])
    expect(text(report.querySelector('.partner-quote blockquote'))).toBe('They showed up when it mattered.')
    const table = report.querySelector('details.money-figures table.financial-breakdown')!
    expect(text(table.querySelector('caption'))).toBe('Where the money came from and went')
    expect(text(table)).toContain('$900,000')
    expect(table.querySelectorAll('th[scope="row"]').length).toBeGreaterThanOrEqual(7)
  })

  it('draws the financial breakdown as an image of bars, one for each line and total, with a text alternative', () => {
    const chart = page('/annual-reports/5784').querySelector('.money-chart')!
    expect(chart.getAttribute('role')).toBe('img')
    expect(chart.getAttribute('aria-label')).toBe(
      'Bar chart of income and expenses. ' +
        'Income: 1,250,000 US dollars in total, from 2 lines; the largest is Individual donors, 900,000 US dollars. ' +
        'Expenses: 905,000 US dollars in total, from 3 lines; the largest is Organizing, 600,000 US dollars. ' +
        'Income exceeds expenses by 345,000 US dollars. The figures are in the table that follows.',
    )
    expect(chart.querySelectorAll('svg.money-bar').length).toBe(7)
    expect(chart.querySelectorAll('.money-amount').map(text)).toEqual(['$900,000', '$350,000', '$1,250,000', '$600,000', '$210,000', '$95,000', '$905,000'])
    expect(chart.querySelectorAll('rect').map((rect) => rect.getAttribute('width'))).toEqual(['72%', '28%', '100%', '48%', '16.8%', '7.6%', '72.4%'])
  })

  it('serves report covers optimised from the site, with sizes, dimensions and lazy loading', () => {
    const cover = page('/annual-reports/5784').querySelector('img.report__cover')!
    expect(cover.getAttribute('alt')).toBe(COVER_ALT)
    expect(cover.getAttribute('src')).toMatch(/^\/_astro\/.+\.webp$/)
    expect(cover.getAttribute('srcset')?.split(',').length).toBeGreaterThanOrEqual(3)
    expect(cover.getAttribute('width')).toBe('1600')
    expect(cover.getAttribute('height')).toBe('900')
    expect(cover.getAttribute('loading')).toBe('eager')
    for (const src of [
      cover.getAttribute('src')!,
      ...cover
        .getAttribute('srcset')!
        .split(',')
        .map((s) => s.trim().split(' ')[0]!),
    ]) {
      expect(existsSync(path.join(siteDir(), src)), src).toBe(true)
    }
    const cards = page('/').querySelectorAll('.report-card img')
    expect(cards.length).toBe(1)
    expect(cards[0]!.getAttribute('loading')).toBe('lazy')
  })

  it('never shows drafts', () => {
    const everything = htmlPages()
      .map((p) => readFileSync(p.file, 'utf8'))
      .join('\n')
    expect(everything).not.toContain(DRAFT_REPORT.title)
    expect(everything).not.toContain(DRAFT_VALUE.title)
    expect(everything).not.toContain(DRAFT_FAQ.question)
    expect(everything).not.toContain(DRAFT_HOME_JOIN_HEADING)
    expect(htmlPages().map((p) => p.route)).not.toContain(`/annual-reports/${DRAFT_REPORT.hebrewYear}`)
    const feeds = ['rss.xml', 'sitemap-0.xml'].map((file) => readFileSync(path.join(siteDir(), file), 'utf8')).join('\n')
    expect(feeds).not.toContain(String(DRAFT_REPORT.hebrewYear))
  })

  it('ships no JavaScript on content pages: the only script is the organization’s JSON-LD', () => {
    // The sign-up page, /wire, adds its form enhancement, and /search its search (only that: one module script each).
    for (const route of ['/wire', '/search']) expect(page(route).querySelectorAll('script[type="module"]'), route).toHaveLength(1)
    for (const { route } of htmlPages().filter(({ route }) => route !== '/wire' && route !== '/search')) {
      const scripts = page(route).querySelectorAll('script')
      expect(
        scripts.map((s) => s.getAttribute('type')),
        route,
      ).toEqual(['application/ld+json'])
      expect(page(route).querySelectorAll('link[rel="modulepreload"]'), route).toHaveLength(0)
    }
  })

  it('puts the sign-up form in the footer of content pages', () => {
    for (const route of ['/values', '/faq', '/annual-reports', '/annual-reports/5783']) {
      const form = page(route).querySelector('footer form[action="/wire/signup"]')
      expect(form, route).not.toBeNull()
      expect(form!.querySelector('input[name="email"][type="email"][required]'), route).not.toBeNull()
      expect(form!.querySelector('input[name="sourcePage"]')?.getAttribute('value')).toBe(route)
    }
  })

  it('has canonical URLs, social meta and organization data from SITE_URL', () => {
    const site = inject('siteUrl')
    const report = page('/annual-reports/5783')
    expect(report.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${site}/annual-reports/5783`)
    expect(report.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('article')
    expect(report.querySelector('meta[name="description"]')?.getAttribute('content')).toMatch(/^Each year, we report/)
    expect(report.querySelector('meta[name="twitter:card"]')).not.toBeNull()
    const org = JSON.parse(page('/').querySelector('script[type="application/ld+json"]')!.textContent)
    expect(org).toMatchObject({ '@type': 'Organization', name: 'Jewish Voice for Peace', url: `${site}/` })
    expect(page('/').querySelector('html')?.getAttribute('lang')).toBe('en')
  })

  it('publishes a sitemap and an RSS feed of the reports', () => {
    const site = inject('siteUrl')
    const sitemap = readFileSync(path.join(siteDir(), 'sitemap-0.xml'), 'utf8')
    for (const route of ['/', '/values', '/faq', '/annual-reports', '/annual-reports/5783', '/annual-reports/5784']) {
      expect(sitemap).toContain(`<loc>${site}${route === '/' ? '/' : route}</loc>`)
    }
    expect(sitemap).not.toContain('/404')
    const rss = readFileSync(path.join(siteDir(), 'rss.xml'), 'utf8')
    expect(rss.match(/<item>/g)).toHaveLength(2)
    expect(rss).toContain(`<link>${site}/annual-reports/5784</link>`)
  })

  it('has an icon for browsers and phones: a 32 px ICO and a 180 px home-screen PNG, from the organization’s mark', async () => {
    const { default: sharp } = await import('sharp')
    const ico = readFileSync(path.join(siteDir(), 'favicon.ico'))
    expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]) // an icon file with one image
    const inside = await sharp(ico.subarray(ico.readUInt32LE(18))).metadata()
    expect(inside).toMatchObject({ format: 'png', width: 32, height: 32 })
    expect(await sharp(readFileSync(path.join(siteDir(), 'apple-touch-icon.png'))).metadata()).toMatchObject({ format: 'png', width: 180, height: 180 })
    for (const { route } of htmlPages()) {
      expect(page(route).querySelector('link[rel="icon"]')?.getAttribute('href'), route).toBe('/favicon.ico')
      expect(page(route).querySelector('link[rel="apple-touch-icon"]')?.getAttribute('href'), route).toBe('/apple-touch-icon.png')
    }
  })

  it('preloads the body font from the site, with a fallback sized to its metrics and no late swap', () => {
    const head = page('/').querySelector('head')!
    const preload = head.querySelectorAll('link[rel="preload"][as="font"]')
    expect(preload.map((link) => link.getAttribute('type'))).toEqual(['font/woff2'])
    expect(preload[0]!.getAttribute('href')).toMatch(/^\/_astro\/fonts\/[\w-]+\.woff2$/)
    expect(existsSync(path.join(siteDir(), preload[0]!.getAttribute('href')!))).toBe(true)
    const css = head
      .querySelectorAll('style')
      .map((style) => style.textContent)
      .join('\n')
    expect(css).toMatch(/font-display:\s*optional/)
    expect(css).toMatch(/size-adjust:/)
    expect(css).toMatch(/ascent-override:/)
  })
})
