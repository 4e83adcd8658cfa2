import type { Value } from '../../src/payload-types'

type RichText = NonNullable<Value['body']>
type Node = Record<string, unknown>

/**
 * Lexical editor state as the admin's editor saves it, built from parts: for tests that need
 * headings, links, quotes and images in rich text (seed/richText.ts makes plain paragraphs).
 */
export const text = (value: string): Node => ({ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text: value, version: 1 })
const element = (type: string, children: Node[], extra: Node = {}): Node => ({ type, children, direction: 'ltr', format: '', indent: 0, version: 1, ...extra })
export const paragraph = (...children: (Node | string)[]) =>
  element(
    'paragraph',
    children.map((child) => (typeof child === 'string' ? text(child) : child)),
    { textFormat: 0, textStyle: '' },
  )
export const heading = (tag: 'h2' | 'h3' | 'h4', value: string) => element('heading', value ? [text(value)] : [], { tag })
export const quote = (value: string) => element('quote', value ? [text(value)] : [])
export const link = (url: string, value: string) => element('link', [text(value)], { fields: { linkType: 'custom', url, newTab: false } })
export const image = (id: number): Node => ({ type: 'upload', relationTo: 'media', value: id, fields: null, format: '', version: 3 })
export const richText = (...children: Node[]): RichText => ({ root: element('root', children) }) as RichText
export const block = (fields: Node): Node => ({
  type: 'block',
  fields: { id: `block-${String(fields.blockType)}`, blockName: '', ...fields },
  format: '',
  version: 2,
})
