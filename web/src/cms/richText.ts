import { convertLexicalToHTML, type HTMLConvertersFunction } from '@payloadcms/richtext-lexical/html'
import sanitizeHtml from 'sanitize-html'

import type { FinancialBreakdownBlock, HighlightsBlock, Media, PartnerQuoteBlock } from 'cms/contract'
import { financialBreakdown } from './financialBreakdown'
import { escapeHtml as escape } from './html'
import { toMedia, type MediaEntry, type MediaLinks } from './media'

/** Lexical editor state as the CMS stores it. */
export type RichText = { root: { children: unknown[] } & Record<string, unknown> }

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

/**
 * Rich text the site cannot draw as its author saw it. A node that went missing would reach the
 * public silently (an image shown in the preview, gone from the live page), so the build fails
 * with this instead, naming the node.
 */
export class UndrawableRichText extends Error {
  override name = 'UndrawableRichText'
}

/**
 * Images and files in rich text, linked where `links` says; each one used is added to `used`.
 * One the site cannot show is added to `problems` (the converter's own errors are only logged).
 */
function upload(links: MediaLinks, used: MediaEntry[], problems: string[]) {
  return ({ node }: { node: { value?: unknown; fields?: { alt?: string } } }) => {
    if (node.value === null || node.value === undefined) {
      problems.push('it shows an image or file that the CMS did not send (deleted, or not public): remove it or choose another file')
      return ''
    }
    if (typeof node.value !== 'object') {
      problems.push(`it shows media ${String(node.value)}, read without its details (the content must be read at depth 1 or more)`)
      return ''
    }
    const media = node.value as Media
    const entry = toMedia(media, links)
    if (!entry?.source) {
      problems.push(`its image or file "${media.filename ?? media.id}" has no address`)
      return ''
    }
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
 * or raw markup onto the site, whatever its JSON holds. The SVG it lets through is the financial
 * breakdown's bars and nothing more: shapes and their geometry (no script, foreignObject,
 * animation, links or references, whose attributes could load or run anything).
 */
const SANITIZE: sanitizeHtml.IOptions = {
  // Grouped by kind: easier to review than one per line.
  // prettier-ignore
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'sub', 'sup', 's', 'u',
    'blockquote', 'figure', 'figcaption', 'img', 'hr', 'br', 'section', 'span', 'div',
    'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary',
    'svg', 'rect', 'line',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding'],
    th: ['scope', 'colspan'],
    td: ['colspan'],
    // A chart is an image whose text alternative the renderer writes (financialBreakdown.ts).
    div: [{ name: 'role', values: ['img'] }, 'aria-label'],
    rect: ['width', 'height'],
    line: ['x1', 'y1', 'x2', 'y2'],
    '*': ['class'],
  },
  allowedClasses: {
    // prettier-ignore
    '*': [
      'highlights', 'figures', 'figure', 'figure-label', 'partner-quote', 'quote-name', 'table-scroll',
      'financial-breakdown', 'table-group', 'table-total', 'table-note',
      'money', 'money-chart', 'money-group', 'money-group-title', 'money-line', 'money-total', 'money-label',
      'money-amount', 'money-bar', 'money-bar-income', 'money-bar-expense', 'money-stripes', 'money-figures',
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

/** The allowlist above, on its own: what any HTML is reduced to before it may reach a page. */
export const sanitizeRichHtml = (html: string) => sanitizeHtml(html, SANITIZE).trim()

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
  const problems: string[] = []
  const converters: HTMLConvertersFunction = ({ defaultConverters }) => ({
    ...defaultConverters,
    upload: upload({ cmsUrl, linkTo }, media, problems),
    // A kind of node this renderer has no converter for (an editor feature added in the CMS only,
    // or raw JSON sent to the API): never dropped without a word, never drawn unchecked.
    unknown: ({ node }: { node: { type?: unknown; fields?: { blockType?: unknown } } }) => {
      const kind = node.fields?.blockType ? `a "${String(node.fields.blockType)}" ${String(node.type)}` : `a "${String(node.type)}" node`
      problems.push(`it holds ${kind}, which the site cannot show`)
      return ''
    },
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
  if (problems.length > 0) throw new UndrawableRichText(problems.join('; '))
  return sanitizeRichHtml(html)
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
