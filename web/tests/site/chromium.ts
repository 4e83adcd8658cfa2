import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'

import { launchChromium } from 'cms/testing'

import { serveBuild } from './serveBuild'

/** Where the site tests write the screenshots they take, to be looked at. */
export const screenshots = path.resolve(import.meta.dirname, '../screenshots')

/**
 * For a test file that looks at the built site in Chromium: before its tests, serves the site
 * with the production site server and launches Chromium; after them, stops both.
 */
export function chromiumOnBuiltSite() {
  let site: Awaited<ReturnType<typeof serveBuild>> | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true })
    site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    site?.stop()
  })
  return {
    get site() {
      return site!
    },
    get browser() {
      return browser!
    },
    /** A page in a context of its own (axe needs one), closed with it. */
    newPage: async (options: Parameters<Browser['newContext']>[0] = {}) => (await browser!.newContext(options)).newPage(),
  }
}
