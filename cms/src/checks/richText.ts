/**
 * A rich-text field's content as the checks read it: its top-level parts in order (paragraphs,
 * headings, lists, quotes, images, blocks), each with its place in words ("paragraph 2") and
 * the links and images inside it. Lexical's JSON, read defensively: anything unexpected is skipped.
 */

import { relationId } from '../fields/relationId'

type LexicalNode = { type?: unknown; tag?: unknown; text?: unknown; children?: unknown; fields?: unknown; value?: unknown; relationTo?: unknown }

export type RichTextLink = { url: string; text: string }
export type RichTextPart = {
  kind: 'paragraph' | 'heading' | 'list' | 'quote' | 'upload' | 'block' | 'other'
  /** "paragraph 2", "heading 1 (“Our year”)", "block 3 (Financial breakdown)". */
  place: string
  text: string
  /** h2, h3, h4 for headings. */
  level?: number
  links: RichTextLink[]
  /** Media ids shown (upload nodes). */
  uploads: number[]
  /** A block's own fields (blockType among them). */
  blockFields?: Record<string, unknown>
}

const KIND_NAMES: Record<RichTextPart['kind'], string> = {
  paragraph: 'paragraph',
  heading: 'heading',
  list: 'list',
  quote: 'quote',
  upload: 'image',
  block: 'block',
  other: 'part',
}

const nodesOf = (value: unknown): LexicalNode[] =>
  Array.isArray(value) ? value.filter((node): node is LexicalNode => Boolean(node) && typeof node === 'object') : []

/** The text a node shows, its descendants' text joined. */
export function textOf(node: LexicalNode): string {
  if (typeof node.text === 'string') return node.text
  return nodesOf(node.children)
    .map((child) => (child.type === 'linebreak' ? '\n' : textOf(child)))
    .join('')
}

function collect(node: LexicalNode, part: RichTextPart): void {
  if ((node.type === 'link' || node.type === 'autolink') && node.fields && typeof node.fields === 'object') {
    const url = (node.fields as { url?: unknown }).url
    if (typeof url === 'string') part.links.push({ url, text: textOf(node) })
  }
  if (node.type === 'upload' && node.relationTo === 'media') {
    const id = relationId(node.value)
    if (id !== undefined) part.uploads.push(id)
  }
  for (const child of nodesOf(node.children)) collect(child, part)
}

const kindOf = (node: LexicalNode): RichTextPart['kind'] => {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'list':
    case 'quote':
    case 'upload':
    case 'block':
      return node.type
    default:
      return 'other'
  }
}

/** The parts of a rich-text value, in order; `blockLabel` names a block by its type. */
export function richTextParts(value: unknown, blockLabel: (blockType: string) => string): RichTextPart[] {
  const root = value && typeof value === 'object' ? (value as { root?: LexicalNode }).root : undefined
  if (!root) return []
  const counts = new Map<string, number>()
  return nodesOf(root.children).map((node) => {
    const kind = kindOf(node)
    const number = (counts.get(kind) ?? 0) + 1
    counts.set(kind, number)
    const text = textOf(node).trim()
    const blockFields = kind === 'block' && node.fields && typeof node.fields === 'object' ? (node.fields as Record<string, unknown>) : undefined
    const detail =
      kind === 'heading' && text
        ? ` (“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”)`
        : blockFields
          ? ` (${blockLabel(String(blockFields.blockType))})`
          : ''
    const part: RichTextPart = {
      kind,
      place: `${KIND_NAMES[kind]} ${number}${detail}`,
      text,
      level: kind === 'heading' && typeof node.tag === 'string' ? Number(node.tag.slice(1)) : undefined,
      links: [],
      uploads: [],
      blockFields,
    }
    collect(node, part)
    return part
  })
}
