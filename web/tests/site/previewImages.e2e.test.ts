/**
 * A preview shows the draft's own images: a cover that only the draft uses is private at the CMS
 * until it is published, so the site server cannot fetch it to optimise it; the editor's browser,
 * signed in to the CMS, loads it from there.
 */
import { expect, inject, it } from 'vitest'

import { signPreviewToken } from 'cms/contract'
import { DRAFT_COVER_ALT, DRAFT_REPORT } from '../setup/testContent'
import { asAdmin } from './cmsAdmin'
import { chromiumOnBuiltSite } from './chromium'

const SECRET = 'local-development-site-token' // the throwaway CMS and this site server share the default

const chromium = chromiumOnBuiltSite()

it('shows a draft report’s private cover to the signed-in editor', async () => {
  const { docs } = await asAdmin<{ docs: { id: number }[] }>(`/api/annual-reports?draft=true&where[hebrewYear][equals]=${DRAFT_REPORT.hebrewYear}`)
  const id = docs[0]!.id
  const cmsUrl = new URL(inject('cmsUrl'))
  // Private indeed: the public cannot read the file.
  const cover = await asAdmin<{ docs: { url: string }[] }>(`/api/media?where[alt][equals]=${encodeURIComponent(DRAFT_COVER_ALT)}`)
  expect((await fetch(new URL(cover.docs[0]!.url, cmsUrl))).status).toBe(403)

  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    // Signed in to the CMS, as the editor who pressed Preview is.
    await context.addCookies([{ name: 'payload-token', value: inject('adminToken'), domain: cmsUrl.hostname, path: '/' }])
    const page = await context.newPage()
    const response = await page.goto(
      `${chromium.site.url}/preview/annual-reports/${id}?token=${encodeURIComponent(signPreviewToken('annual-reports', id, SECRET))}`,
    )
    expect(response?.status()).toBe(200)
    const image = page.getByRole('img', { name: DRAFT_COVER_ALT })
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200)
  } finally {
    await context.close()
  }
})
