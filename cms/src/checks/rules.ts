import { HREF_MESSAGE } from '../fields/href'
import type { Finding } from './findings'
import type { RichTextPart } from './richText'
import { classifyLink, type SiteMap, siteLinkProblem } from './siteLinks'

/**
 * The rules, each a small function over what the field holds. Thresholds are what readers and
 * search engines need: a paragraph over 150 words is hard to read on a phone; search results
 * show about 160 characters of a description.
 */
export const LONG_PARAGRAPH_WORDS = 150
export const SEARCH_SNIPPET_CHARS = 160
const VAGUE_LINK_TEXT = /^(click here|here|read more|more|this|this link|link|learn more|see more)$/i
const PLACEHOLDER_ALT = /^(image|picture|photo|img|graphic|untitled|alt|screenshot)( \d+)?$/i

export type MediaFacts = { alt?: string | null; filename?: string | null; caption?: string | null }

/** What an external link's last check found (checks/externalLinks.ts). */
export type LinkCheck = { url: string; state: 'ok' | 'failed' | 'refused'; detail?: string | null; checkedAt?: string | null }

export type RuleContext = {
  path: string
  label: string
  site: SiteMap
  media: Map<number, MediaFacts>
  linkChecks: Map<string, LinkCheck>
}

const finding = (ctx: RuleContext, severity: Finding['severity'], rule: Finding['rule'], where: string | undefined, message: string): Finding => ({
  severity,
  rule,
  path: ctx.path,
  place: where ? `${ctx.label}, ${where}` : ctx.label,
  message,
})

/** A link's target: a page of this site that exists, an address that answers, words that say where it goes. */
export function checkLink(ctx: RuleContext, link: { url: string; text?: string }, where?: string): Finding[] {
  const found: Finding[] = []
  const kind = classifyLink(link.url)
  const named = link.text ? `The link “${link.text}”` : 'The link'
  if (kind.kind === 'unusable') {
    found.push(finding(ctx, 'error', 'site-link', where, `${named} goes to “${link.url}”, which a browser cannot follow. ${HREF_MESSAGE}.`))
  } else if (kind.kind === 'site') {
    const problem = siteLinkProblem(kind, ctx.site)
    if (problem)
      found.push(
        finding(
          ctx,
          'error',
          'site-link',
          where,
          `${named} leads nowhere: ${problem} Fix the address, publish the page it points to first, or remove the link.`,
        ),
      )
  } else if (kind.kind === 'external') {
    // The outcome only, never the check's detail: every member of staff reads these, and how a
    // server failed (refused, reset, timed out) or what a name resolves to would let a writer map
    // the CMS's own network through links. Admins read the detail in the link checks.
    const check = ctx.linkChecks.get(kind.url)
    const problem =
      check?.state === 'failed'
        ? `${named} to ${kind.url} is broken: it did not answer with a page when checked. Check the address, or link to a page that works.`
        : check?.state === 'refused'
          ? `${named} goes to ${kind.url}, which is not an address the public can reach, so it was not checked. Link to a public address instead.`
          : undefined
    if (problem) found.push(finding(ctx, 'warning', 'external-link', where, problem))
  }
  const text = link.text?.trim() ?? ''
  if (text && (VAGUE_LINK_TEXT.test(text.replace(/[.…!]+$/, '')) || /^(https?:\/\/|www\.)\S+$/i.test(text))) {
    found.push(
      finding(
        ctx,
        'warning',
        'link-text',
        where,
        `The link text “${text}” does not say where it goes, for people who hear or skim the page. Use the name of the page instead.`,
      ),
    )
  }
  return found
}

/** An image's alternative text: present, and a description rather than a placeholder, a file name or the caption again. */
export function checkImage(ctx: RuleContext, mediaId: number, where?: string): Finding[] {
  const media = ctx.media.get(mediaId)
  if (!media) return []
  const alt = media.alt?.trim() ?? ''
  const name = media.filename ?? `image ${mediaId}`
  const fix = `Open the image in Media and describe what it shows, as you would to someone who cannot see it.`
  if (!alt) return [finding(ctx, 'error', 'image-alt', where, `The image ${name} has no alternative text. ${fix}`)]
  const fileLike = alt === media.filename || /\.(png|jpe?g|gif|webp|avif|svg)$/i.test(alt)
  if (PLACEHOLDER_ALT.test(alt) || fileLike || (media.caption && alt.toLowerCase() === media.caption.trim().toLowerCase())) {
    return [finding(ctx, 'error', 'image-alt', where, `The image ${name} has the alternative text “${alt}”, which does not describe it. ${fix}`)]
  }
  return []
}

/**
 * A rich-text field's parts: headings and quotes and lists filled, headings in order, paragraphs
 * not too long, blocks with their rows, links and images. (Blocks' other fields are validated by
 * Payload when publishing.)
 */
export function checkRichText(ctx: RuleContext, parts: RichTextPart[]): Finding[] {
  const found: Finding[] = []
  let previousLevel: number | undefined
  for (const part of parts) {
    if (part.kind === 'heading') {
      if (!part.text)
        found.push(
          finding(
            ctx,
            'error',
            'empty-heading',
            part.place,
            'This heading is empty: screen readers announce it as a heading with nothing in it. Write it, or delete it.',
          ),
        )
      if (part.level !== undefined && previousLevel !== undefined && part.level > previousLevel + 1) {
        found.push(
          finding(
            ctx,
            'warning',
            'heading-order',
            part.place,
            `This heading skips a level (h${previousLevel} to h${part.level}): people who move by headings lose their place. Use Heading ${previousLevel + 1}.`,
          ),
        )
      }
      if (part.level !== undefined) previousLevel = part.level
    }
    if (part.kind === 'paragraph') {
      const words = part.text.split(/\s+/).filter(Boolean).length
      if (words > LONG_PARAGRAPH_WORDS) {
        found.push(
          finding(
            ctx,
            'warning',
            'long-paragraph',
            part.place,
            `This paragraph has ${words} words: over ${LONG_PARAGRAPH_WORDS} is hard to read on a phone. Split it where the thought turns.`,
          ),
        )
      }
    }
    if ((part.kind === 'quote' || part.kind === 'list') && !part.text && part.uploads.length === 0) {
      found.push(finding(ctx, 'error', 'empty-text', part.place, `This ${part.kind} is empty: the page would show an empty box. Write it, or delete it.`))
    }
    if (part.kind === 'block') found.push(...checkBlock(ctx, part))
    for (const link of part.links) found.push(...checkLink(ctx, link, part.place))
    for (const id of part.uploads) found.push(...checkImage(ctx, id, part.place))
  }
  return found
}

/** What a block of the report's body shows nothing without: a financial breakdown's lines, the highlights' figures. */
const BLOCK_CONTENT: Record<string, { field: string; what: string }> = {
  financialBreakdown: { field: 'lines', what: 'no lines: add the income and the expenses' },
  highlights: { field: 'items', what: 'no figures: add at least one' },
}

function checkBlock(ctx: RuleContext, part: RichTextPart): Finding[] {
  const needed = BLOCK_CONTENT[String(part.blockFields?.blockType)]
  const rows = needed && part.blockFields?.[needed.field]
  if (!needed || (Array.isArray(rows) && rows.length > 0)) return []
  return [finding(ctx, 'error', 'empty-block', part.place, `This block has ${needed.what}, or delete the block.`)]
}

/** A summary or description that search engines and link previews show: cut off past about 160 characters. */
export function checkSearchSnippet(ctx: RuleContext, value: unknown): Finding[] {
  if (typeof value !== 'string' || value.length <= SEARCH_SNIPPET_CHARS) return []
  return [
    finding(
      ctx,
      'warning',
      'long-summary',
      undefined,
      `This text has ${value.length} characters; search results and link previews show about ${SEARCH_SNIPPET_CHARS}, so the rest is cut off there. Put what matters first, or shorten it.`,
    ),
  ]
}
