import type { FlattenedField } from 'payload'
import { describe, expect, it } from 'vitest'

import { fieldValues } from './fieldValues'

const fields: FlattenedField[] = [
  { name: 'title', type: 'text' },
  { name: 'callToJoin', type: 'group', label: 'Call to join', fields: [], flattenedFields: [{ name: 'href', type: 'text', label: 'Link address' }] },
  { name: 'numbers', type: 'tab', label: 'Figures', fields: [], flattenedFields: [{ name: 'total', type: 'number' }] },
  {
    name: 'financial',
    type: 'array',
    fields: [],
    flattenedFields: [
      { name: 'label', type: 'text' },
      { name: 'amount', type: 'number' },
    ],
  },
  {
    name: 'sections',
    type: 'blocks',
    blocks: [{ slug: 'quote', fields: [], flattenedFields: [{ name: 'quoteText', type: 'textarea' }] }],
  },
]

describe('fieldValues', () => {
  it('reads every field with its value, path and label through groups, named tabs, array rows and blocks', () => {
    const data = {
      title: 'Annual report',
      callToJoin: { href: '/wire' },
      numbers: { total: 12 },
      financial: [
        { label: 'Programs', amount: 70 },
        { label: 'Fundraising', amount: 30 },
      ],
      sections: [
        { blockType: 'quote', quoteText: 'Together.' },
        { blockType: 'gone', quoteText: 'no such block' },
      ],
    }
    expect(fieldValues(fields, data).map(({ path, label, value }) => ({ path, label, value }))).toEqual([
      { path: 'title', label: 'Title', value: 'Annual report' },
      { path: 'callToJoin.href', label: 'Call to join › Link address', value: '/wire' },
      { path: 'numbers.total', label: 'Figures › Total', value: 12 },
      { path: 'financial.0.label', label: 'Financial 1 › Label', value: 'Programs' },
      { path: 'financial.0.amount', label: 'Financial 1 › Amount', value: 70 },
      { path: 'financial.1.label', label: 'Financial 2 › Label', value: 'Fundraising' },
      { path: 'financial.1.amount', label: 'Financial 2 › Amount', value: 30 },
      { path: 'sections.0.quoteText', label: 'Sections 1 › Quote Text', value: 'Together.' },
    ])
  })

  it('reads nothing from a missing group, array or document, and every leaf of a document left empty', () => {
    expect(fieldValues(fields, null)).toEqual([])
    expect(fieldValues(fields, { financial: 'not rows', sections: null }).map(({ path, value }) => ({ path, value }))).toEqual([
      { path: 'title', value: undefined },
    ])
  })
})
