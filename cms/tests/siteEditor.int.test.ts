/**
 * The rich-text editor offers only what the site renders (fields/siteEditor.ts): a format the
 * page would drop or change (a level-1 heading, a check list, a relationship card, alignment,
 * indentation) is not in the editor's menus at all, on every rich-text field.
 */
import type { RichTextField } from 'payload'
import type { SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import { startTestPayload } from './helpers/testPayload'

let payload: Payload

beforeAll(async () => {
  payload = (await startTestPayload()).payload
})

/** The features of a rich-text field's editor, as Payload resolved them. */
function featuresOf(fields: { name?: string; type: string }[], name: string) {
  const field = fields.find((f) => f.name === name) as RichTextField | undefined
  const config = (field?.editor as { editorConfig?: SanitizedServerEditorConfig } | undefined)?.editorConfig
  if (!config) throw new Error(`${name} has no Lexical editor`)
  return config
}

const FIELDS = [
  ['annual-reports', 'body'],
  ['faqs', 'answer'],
  ['values', 'body'],
] as const

describe.each(FIELDS)('%s › %s', (slug, name) => {
  it('offers the formats the site renders, and none it would drop', () => {
    const config = featuresOf(payload.collections[slug].config.flattenedFields, name)
    const keys = [...config.resolvedFeatureMap.keys()]
    expect(keys).toEqual(expect.arrayContaining(['paragraph', 'heading', 'bold', 'italic', 'link', 'unorderedList', 'orderedList', 'blockquote', 'upload']))
    for (const dropped of ['relationship', 'checklist', 'align', 'indent', 'experimental_table']) expect(keys, dropped).not.toContain(dropped)
    expect(config.resolvedFeatureMap.get('heading')?.sanitizedServerFeatureProps).toMatchObject({ enabledHeadingSizes: ['h2', 'h3', 'h4'] })
  })
})

it("offers the annual report's blocks in the report's body only", () => {
  const blocksOf = (slug: (typeof FIELDS)[number][0], name: string) =>
    featuresOf(payload.collections[slug].config.flattenedFields, name).resolvedFeatureMap.has('blocks')
  expect(blocksOf('annual-reports', 'body')).toBe(true)
  expect(blocksOf('faqs', 'answer')).toBe(false)
})

it('uses the same editor on the home page', () => {
  const home = payload.config.globals.find((g) => g.slug === 'home')!
  const vision = home.flattenedFields.find((f) => f.name === 'vision') as { flattenedFields: { name?: string; type: string }[] }
  const keys = [...featuresOf(vision.flattenedFields, 'body').resolvedFeatureMap.keys()]
  expect(keys).not.toContain('checklist')
  expect(keys).toContain('heading')
})
