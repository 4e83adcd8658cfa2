import {
  convertLexicalToHTML,
  type HTMLConvertersFunction,
} from '@payloadcms/richtext-lexical/html'
import sanitizeHtml from 'sanitize-html'

import type {
  FinancialBreakdownBlock,
  HighlightsBlock,
  Media,
  PartnerQuoteBlock,
} from '../../../cms/src/payload-types'
import { toMedia, type MediaEntry, type MediaLinks } from './media'

/** Lexical editor state as the CMS stores it. */
export type RichText = { root: { children: unknown[] } & Record<string, unknown> }

const escape = (text: unknown) =>
  String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')

/** A report's figures; its heading is a section of the report, under the page's h1 (no level skipped). */
function highlights({ heading, items }: HighlightsBlock): string {
  const figures = (items ?? [])
    .map((item) => `<li><span class="figure">${escape(item.figure)}</span> <span class="figure-label">${escape(item.label)}</span></li>`)
    .join('')
  return `<section class="highlights">${heading ? `<h2>${escape(heading)}</h2>` : ''}<ul class="figures">${figures}</ul></section>`
}

function partnerQuote({ quote, name, role, organization }: PartnerQuoteBlock): string {
  const who = [role, organization].filter(Boolean).map(escape).join(', ')
  return (
    `<figure class="partner-quote"><blockquote><p>${escape(quote)}</p></blockquote>` +
    `<figcaption><span class="quote-name">${escape(name)}</span>${who ? `, ${who}` : ''}</figcaption></figure>`
  )
}

function financialBreakdown({ heading, currency, lines, note }: FinancialBreakdownBlock): string {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 })
  const section = (kind: 'income' | 'expense', title: string) => {
    const rows = (lines ?? []).filter((line) => line.kind === kind)
    if (rows.length === 0) return ''
    const total = rows.reduce((sum, line) => sum + line.amount, 0)
    return (
      `<tbody><tr><th scope="rowgroup" colspan="2" class="table-group">${title}</th></tr>` +
      rows.map((line) => `<tr><th scope="row">${escape(line.label)}</th><td>${money.format(line.amount)}</td></tr>`).join('') +
      `<tr class="table-total"><th scope="row">Total ${title.toLowerCase()}</th><td>${money.format(total)}</td></tr></tbody>`
    )
  }
  return (
    `<div class="table-scroll"><table class="financial-breakdown"><caption>${escape(heading)}</caption>` +
    `<thead><tr><th scope="col">Item</th><th scope="col">Amount</th></tr></thead>` +
    section('income', 'Income') +
    section('expense', 'Expenses') +
    `</table></div>${note ? `<p class="table-note">${escape(note)}</p>` : ''}`
  )
}

/** Images and files in rich text, linked where `links` says; each one used is added to `used`. */
function upload(links: MediaLinks, used: MediaEntry[]) {
  return ({ node }: { node: { value?: unknown; fields?: { alt?: string } } }) => {
    const media = node.value as Media | undefined
    const entry = toMedia(media, links)
    if (!media || !entry?.source) return ''
    used.push(entry)
    const src = entry.url
    if (!media.mimeType?.startsWith('image/')) {
      return `<p><a href="${escape(src)}">${escape(media.alt || media.filename)}</a></p>`
    }
    const caption = media.caption ? `<figcaption>${escape(media.caption)}</figcaption>` : ''
    return (
      `<figure><img src="${escape(src)}" alt="${escape(node.fields?.alt || media.alt)}" ` +
      `width="${escape(media.width)}" height="${escape(media.height)}" loading="lazy" decoding="async">${caption}</figure>`
    )
  }
}

/**
 * What may reach a page. The converter already escapes text and neutralises link schemes; this
 * allowlist is the second wall, so no document can carry script, event handlers, inline styles
 * or raw markup onto the site, whatever its JSON holds.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'sub', 'sup', 's', 'u',
    'blockquote', 'figure', 'figcaption', 'img', 'hr', 'br', 'section', 'span', 'div',
    'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
    th: ['scope', 'colspan'],
    td: ['colspan'],
    '*': ['class'],
  },
  allowedClasses: {
    '*': [
      'highlights', 'figures', 'figure', 'figure-label', 'partner-quote', 'quote-name', 'table-scroll',
      'financial-breakdown', 'table-group', 'table-total', 'table-note',
    ],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // The page title is the only h1.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target === '_blank' ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
  disallowedTagsMode: 'discard',
}

type BlockNode = { node: { fields: unknown } }

/**
 * How rich text links its media (see MediaLinks; by default at the CMS), and a list to which each
 * media file it uses is added.
 */
export type RichTextOptions = { cmsUrl: string; linkTo?: MediaLinks['linkTo']; media?: MediaEntry[] }

/** Rich text from the CMS as safe, semantic HTML (empty for empty or missing content). */
export function richTextToHtml(data: RichText | null | undefined, { cmsUrl, linkTo = 'cms', media = [] }: RichTextOptions): string {
  if (!data) return ''
  if (typeof data !== 'object' || !data.root || !Array.isArray(data.root.children)) {
    throw new TypeError('rich text is not a Lexical editor state (no root.children)')
  }
  const converters: HTMLConvertersFunction = ({ defaultConverters }) => ({
    ...defaultConverters,
    upload: upload({ cmsUrl, linkTo }, media),
    unknown: () => '',
    blocks: {
      highlights: ({ node }: BlockNode) => highlights(node.fields as HighlightsBlock),
      partnerQuote: ({ node }: BlockNode) => partnerQuote(node.fields as PartnerQuoteBlock),
      financialBreakdown: ({ node }: BlockNode) => financialBreakdown(node.fields as FinancialBreakdownBlock),
    },
  })
  const html = convertLexicalToHTML({
    data: data as never,
    converters,
    disableContainer: true,
    disableIndent: true,
    disableTextAlign: true,
  })
  return sanitizeHtml(html, SANITIZE).trim()
}

/**
 * Splits rich text into its opening paragraph (as inline HTML, for a headline) and the rest.
 * The opening is empty when the text does not start with a paragraph.
 */
export function leadAndRest(data: RichText | null | undefined, options: RichTextOptions): { lead: string; rest: string } {
  if (!data) return { lead: '', rest: '' }
  const [first, ...others] = data.root.children as { type?: string }[]
  if (first?.type !== 'paragraph') return { lead: '', rest: richTextToHtml(data, options) }
  const withChildren = (children: unknown[]) => ({ ...data, root: { ...data.root, children } })
  const lead = richTextToHtml(withChildren([first]), options).replace(/^<p>([\s\S]*)<\/p>$/, '$1')
  return { lead, rest: richTextToHtml(withChildren(others), options) }
}
