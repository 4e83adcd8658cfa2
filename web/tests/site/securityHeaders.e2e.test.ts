/**
 * Every response carries the security headers, every page its Content-Security-Policy, and no
 * page breaks under that policy in Chromium (no violation, no console error).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium } from 'cms/testing'

import { sitemapRoutes } from './builtSite'
import { serveBuild } from './serveBuild'

let browser: Browser
let site: Awaited<ReturnType<typeof serveBuild>>

const ROUTES = [...new Set([...sitemapRoutes(), '/wire', '/wire/check-your-inbox', '/wire/confirm?token=x', '/wire/unsubscribe?token=x', '/no-such-page'])]

beforeAll(async () => {
  site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  site?.stop()
})

describe('security headers', () => {
  it.each([...ROUTES, '/rss.xml', '/sitemap-index.xml', '/favicon-that-is-missing.ico'])('%s carries them', async (route) => {
    const response = await fetch(`${site.url}${route}`)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain(`frame-ancestors ${new URL(inject('cmsUrl')).origin}`)
    expect(csp).toContain("object-src 'none'")
    // Served over plain HTTP here: no HSTS, which would be wrong without TLS.
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  it.each(ROUTES)('%s has a Content-Security-Policy that limits scripts and styles', async (route) => {
    const response = await fetch(`${site.url}${route}`)
    const html = await response.text()
    // Static pages carry it in a <meta>, on-demand pages in the header.
    const meta = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)"/i)?.[1] ?? ''
    const policy = `${meta}; ${response.headers.get('content-security-policy')}`
    expect(policy).toContain("default-src 'self'")
    expect(policy).toMatch(/script-src 'self'/)
    expect(policy).toMatch(/style-src 'self'/)
    expect(policy).not.toContain('unsafe-inline')
  })
})

describe('under the policy, in Chromium', () => {
  it.each(ROUTES)('%s loads with no violation and no console error', async (route) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 404/.test(message.text())) problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    await page.goto(`${site.url}${route}`, { waitUntil: 'load' })
    await page.waitForTimeout(200)
    expect(problems).toEqual([])
    await context.close()
  })
})
