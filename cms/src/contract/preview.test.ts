import { describe, expect, it } from 'vitest'

import { checkPreviewToken, PREVIEW_TTL_MS, previewPath, signPreviewToken } from './preview'

const SECRET = 'a-secret-the-cms-and-the-site-share'
// A fixed clock: every token below is signed and checked at times given from this NOW, never the machine's.
const NOW = Date.UTC(2026, 10, 30, 12)

describe('preview tokens, signed by the CMS and checked by the site server', () => {
  it('are valid for their own document for an hour, then expired', () => {
    const token = signPreviewToken('annual-reports', 7, SECRET, NOW)
    expect(checkPreviewToken(token, 'annual-reports', '7', SECRET, NOW)).toBe('valid')
    expect(checkPreviewToken(token, 'annual-reports', '7', SECRET, NOW + PREVIEW_TTL_MS)).toBe('valid')
    expect(checkPreviewToken(token, 'annual-reports', '7', SECRET, NOW + PREVIEW_TTL_MS + 1)).toBe('expired')
  })

  it('are invalid for another document, another kind, another secret, or once altered', () => {
    const token = signPreviewToken('values', 3, SECRET, NOW)
    expect(checkPreviewToken(token, 'values', '4', SECRET, NOW)).toBe('invalid')
    expect(checkPreviewToken(token, 'faqs', '3', SECRET, NOW)).toBe('invalid')
    expect(checkPreviewToken(token, 'values', '3', 'another-secret', NOW)).toBe('invalid')
    const [expires, mac] = token.split('.') as [string, string]
    expect(checkPreviewToken(`${Number(expires) + 1000}.${mac}`, 'values', '3', SECRET, NOW)).toBe('invalid')
    const altered = (mac.startsWith('A') ? 'B' : 'A') + mac.slice(1)
    expect(checkPreviewToken(`${expires}.${altered}`, 'values', '3', SECRET, NOW)).toBe('invalid')
    for (const junk of [null, '', 'x', `${expires}`, `${expires}.`, `.${mac}`]) expect(checkPreviewToken(junk, 'values', '3', SECRET, NOW)).toBe('invalid')
  })

  it('travel in the preview page address, the id encoded', () => {
    const path = previewPath('home', 'home', SECRET, NOW)
    const url = new URL(path, 'http://site.test')
    expect(url.pathname).toBe('/preview/home/home')
    expect(checkPreviewToken(url.searchParams.get('token'), 'home', 'home', SECRET, NOW)).toBe('valid')
    expect(previewPath('faqs', 'a/b', SECRET, NOW)).toMatch(/^\/preview\/faqs\/a%2Fb\?token=/)
  })
})
