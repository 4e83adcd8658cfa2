/** Every built page is valid HTML (html-validate's recommended rules, with the few noted below). */
import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'

import { htmlPages } from './builtSite'

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Astro writes void elements as <meta ... />; both forms are valid HTML.
    'void-style': 'off',
    // Long text lines come from the CMS's copy.
    'long-title': 'off',
    // Astro's scoped-style attributes (data-astro-cid-*) are fine.
    'attribute-misuse': 'error',
    'no-inline-style': 'error',
  },
})

describe('built pages', () => {
  it.each(htmlPages().map((p) => [p.route, p.file]))('%s is valid HTML', async (_, file) => {
    const report = await validator.validateFile(file)
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} line ${m.line}: ${m.message}`))
    expect(messages).toEqual([])
  })
})
