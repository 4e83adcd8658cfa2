import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

import { annualReportYear, faqEntries, splitJoinCall } from './content'
import { loadSiteCopy, parseSiteCopy } from './siteCopy'

const rawLines = readFileSync(new URL('./organization-site-copy.txt', import.meta.url), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter(Boolean)

describe('the organization’s copy', () => {
  const copy = loadSiteCopy()

  it('splits into its sections with nothing lost', () => {
    const used = [...copy.vision, ...copy.whoWeAre, ...copy.values.flatMap((v) => [v.title, v.text]), ...copy.annualReport, ...copy.faq, copy.wire.pitch]
    const headings = ['Our vision', 'WHO WE ARE', 'OUR CORE VALUES', 'ANNUAL REPORT', 'FAQ', 'Get', 'the Wire']
    expect([...used, ...headings].sort()).toEqual([...rawLines].sort())
  })

  it('has three core values in order', () => {
    expect(copy.values.map((v) => v.title)).toEqual([
      'Accountability to Palestinian Partners',
      'Commitment to Jewish Communities',
      'Racial Justice & Collective Liberation',
    ])
  })

  it('splits the FAQ into four distinct questions covering every paragraph once', () => {
    const entries = faqEntries(copy.faq)
    expect(entries.map((e) => e.question)).toEqual([
      'Why does JVP call for a permanent ceasefire?',
      'What is JVP’s role in the movement for Palestinian liberation?',
      'How does JVP understand and fight antisemitism?',
      'Why does JVP resist Zionism?',
    ])
    expect(entries.flatMap((e) => e.answer)).toEqual(copy.faq)
    expect(entries.map((e) => e.answer.length)).toEqual([3, 2, 3, 1])
  })

  it('names the 5783 report and the Get the Wire pitch', () => {
    expect(annualReportYear(copy.annualReport)).toBe(5783)
    expect(copy.wire.heading).toBe('Get the Wire')
    expect(copy.wire.pitch).toMatch(/^Stay up to date/)
    expect(splitJoinCall(copy.whoWeAre).invitation).toMatch(/Join us\. You belong here\.$/)
  })

  it('refuses copy that lost a section instead of seeding half a site', () => {
    const withoutFaq = rawLines.slice(0, rawLines.indexOf('FAQ')).join('\n') + '\nGet\nthe Wire\nPitch.'
    expect(() => parseSiteCopy(withoutFaq)).toThrow(/section "faq" is empty/)
    expect(() => parseSiteCopy('Stray text\nOur vision\nX')).toThrow(/before the first heading/)
  })
})
