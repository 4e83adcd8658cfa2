/**
 * The site's second wall against hostile links: whatever the CMS lets through, only paths on the
 * site and http(s) addresses reach a page.
 */
import { describe, expect, it } from 'vitest'

import { homeSchema } from './entries'
import { httpUrl, safeHref } from './links'

const HOSTILE = [
  'javascript:alert(document.domain)',
  'JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  '\u0001javascript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  'mailto:someone@example.org',
  'values',
  '',
]

describe('safeHref', () => {
  it.each(HOSTILE)('refuses %j', (href) => {
    expect(safeHref.safeParse(href).success).toBe(false)
  })

  it.each(['/', '/values', '/faq#ceasefire', '/wire?from=home', 'https://example.org/join', 'http://example.org'])('accepts %j', (href) => {
    expect(safeHref.parse(href)).toBe(href)
  })
})

describe('httpUrl', () => {
  it.each([...HOSTILE, '/values'])('refuses %j', (url) => {
    expect(httpUrl.safeParse(url).success).toBe(false)
  })

  it('accepts a full http(s) address', () => {
    expect(httpUrl.parse('https://bsky.app/profile/example.org')).toBe('https://bsky.app/profile/example.org')
  })
})

describe('the home page’s call to join', () => {
  const home = (linkUrl: string) => ({
    vision: { heading: 'Vision', lead: 'Lead', rest: '' },
    whoWeAre: { heading: 'Who', html: '<p>Who</p>' },
    joinCall: { heading: 'Join', text: 'Join us', linkLabel: 'Get the Wire', linkUrl },
    media: [],
  })

  it('refuses a javascript: link', () => {
    const result = homeSchema.safeParse(home('javascript:alert(document.domain)'))
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['joinCall', 'linkUrl'])
  })

  it('keeps a path on the site', () => {
    expect(homeSchema.parse(home('/wire')).joinCall.linkUrl).toBe('/wire')
  })
})
