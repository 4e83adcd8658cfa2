/**
 * Rich text from the CMS becomes page HTML: semantic markup for what editors write, and nothing
 * executable whatever a document's JSON holds. The hostile cases are exported for the browser
 * test (tests/richText.e2e.test.ts), which renders the same output in Chromium.
 */
import { describe, expect, it, vi } from 'vitest'

import type { FinancialBreakdownBlock, HighlightsBlock, Media, PartnerQuoteBlock } from 'cms/contract'
import { financialBreakdown } from './financialBreakdown'
import { leadAndRest, richTextToHtml, sanitizeRichHtml, UndrawableRichText, type RichText } from './richText'

export const CMS_URL = 'https://cms.example.org'
const options = { cmsUrl: CMS_URL }
const html = (data: unknown) => richTextToHtml(data as RichText, options)

// ---------------------------------------------------------------------------------------------
// Lexical JSON, shaped as Payload's editor stores it.

const BOLD = 1
const ITALIC = 2

export const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const element = { direction: 'ltr', format: '', indent: 0, version: 1 }
export const paragraph = (...children: unknown[]) => ({ ...element, type: 'paragraph', textFormat: 0, children })
const heading = (tag: string, ...children: unknown[]) => ({ ...element, type: 'heading', tag, children })
const list = (kind: 'bullet' | 'number', ...items: string[]) => ({
  ...element,
  type: 'list',
  listType: kind,
  tag: kind === 'number' ? 'ol' : 'ul',
  start: 1,
  children: items.map((item, index) => ({ ...element, type: 'listitem', value: index + 1, children: [text(item)] })),
})
const quote = (...children: unknown[]) => ({ ...element, type: 'quote', children })
export const link = (url: string, { newTab = false, label = 'click', type = 'link' } = {}) => ({
  ...element,
  type,
  version: 3,
  fields: { url, linkType: 'custom', newTab },
  children: [text(label)],
})
const mediaDoc = (media: Partial<Media>): Media => ({
  id: 7,
  alt: 'Volunteers at the march',
  url: '/api/media/file/march.jpg',
  filename: 'march.jpg',
  mimeType: 'image/jpeg',
  width: 1200,
  height: 800,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...media,
})
export const upload = (media: Partial<Media>, fields: { alt?: string } | null = null) => ({
  type: 'upload',
  version: 3,
  format: '',
  id: 'u1',
  relationTo: 'media',
  value: mediaDoc(media),
  fields,
})
type BlockFields = HighlightsBlock | PartnerQuoteBlock | FinancialBreakdownBlock
export const block = (fields: BlockFields) => ({ type: 'block', version: 2, format: '', fields: { id: 'b1', blockName: '', ...fields } })
export const doc = (...children: unknown[]): RichText => ({
  root: { ...element, type: 'root', children },
})

// ---------------------------------------------------------------------------------------------
// A small reader for the converter's output, to look at the tags and attributes a browser would
// build rather than at substrings (escaped text such as "&lt;script" is harmless and must stay).

type Tag = { name: string; attrs: Record<string, string>; attrNames: string[] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }
const decode = (value: string) =>
  value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(Number.parseInt(name.slice(name[1] === 'x' || name[1] === 'X' ? 2 : 1), name[1]?.toLowerCase() === 'x' ? 16 : 10))
    return ENTITIES[name.toLowerCase()] ?? entity
  })

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'=<>`/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

export function parseHtml(source: string): { tags: Tag[]; text: string; strayMarkup: string[] } {
  const tags: Tag[] = []
  let text = ''
  let last = 0
  for (const match of source.matchAll(TAG)) {
    text += source.slice(last, match.index)
    last = match.index + match[0].length
    if (match[1]) continue
    const attrs: Record<string, string> = {}
    const attrNames: string[] = []
    for (const [, name, double, single, bare] of (match[3] ?? '').matchAll(ATTRIBUTE)) {
      const key = name!.toLowerCase()
      attrNames.push(key)
      attrs[key] ??= decode(double ?? single ?? bare ?? '')
    }
    tags.push({ name: match[2]!.toLowerCase(), attrs, attrNames })
  }
  text += source.slice(last)
  // Anything still starting like markup outside a recognised tag would be parsed by a browser.
  const strayMarkup = [...text.matchAll(/<[!/?a-zA-Z]/g)].map((m) => text.slice(m.index, m.index + 40))
  return { tags, text: decode(text), strayMarkup }
}

// Grouped by kind: easier to review than one per line.
// prettier-ignore
const SAFE_TAGS = new Set([
  'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'sub', 'sup', 's', 'u',
  'blockquote', 'figure', 'figcaption', 'img', 'hr', 'br', 'section', 'span', 'div',
  'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary',
  'svg', 'rect', 'line',
])
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

/** The scheme a browser would see: it drops ASCII whitespace and controls from URLs first. */
export const schemeOf = (url: string) =>
  // eslint-disable-next-line no-control-regex
  /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\x00-\x20\x7f]/g, ''))?.[1]?.toLowerCase()

/** Fails when the HTML could run anything: script-capable tags, handlers, styles, unsafe URLs. */
export function expectInert(source: string) {
  const { tags, strayMarkup } = parseHtml(source)
  expect(strayMarkup, 'markup outside recognised tags').toEqual([])
  for (const tag of tags) {
    expect(SAFE_TAGS, `<${tag.name}> in ${source}`).toContain(tag.name)
    expect(new Set(tag.attrNames).size, `duplicate attributes on <${tag.name}>`).toBe(tag.attrNames.length)
    for (const name of tag.attrNames) {
      expect(name, `<${tag.name} ${name}=…>`).not.toMatch(/^on|^style$|^srcdoc$|^formaction$|^srcset$|:/)
    }
    for (const name of ['href', 'src'] as const) {
      const url = tag.attrs[name]
      if (url === undefined) continue
      const scheme = schemeOf(url)
      if (scheme) expect(SAFE_SCHEMES, `${name}="${url}"`).toContain(scheme)
      // eslint-disable-next-line no-control-regex -- browsers drop these before reading a scheme
      expect(url.replace(/[\x00-\x20\x7f]/g, ''), `${name}="${url}"`).not.toMatch(/^[/\\]{2}/)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile documents. Payloads that would run set window.__pwned or open a dialog, which the
// browser test watches for.

export type HostileCase = {
  name: string
  data: RichText
  /** What must hold besides expectInert. */
  check: (output: string) => void
}

const linkHrefs = (output: string) =>
  parseHtml(output)
    .tags.filter((t) => t.name === 'a')
    .map((t) => t.attrs['href'])
const imgs = (output: string) => parseHtml(output).tags.filter((t) => t.name === 'img')
/** The link survives as a link, but without anywhere dangerous to go. */
const linkDefused = (output: string) => {
  expect(linkHrefs(output)).toHaveLength(1)
  expect(parseHtml(output).text).toBe('click')
  const [href] = linkHrefs(output)
  if (href !== undefined) expect(schemeOf(href) ?? 'relative').not.toMatch(/^(javascript|vbscript|data)$/)
}
const showsText =
  (...expected: string[]) =>
  (output: string) => {
    const { text: visible } = parseHtml(output)
    for (const value of expected) expect(visible).toContain(value)
  }

const SCRIPT = '<script>window.__pwned=1;alert("script")</script>'
const IMG_ONERROR = '<img src=x onerror="window.__pwned=1;alert(\'img\')">'
const SVG_FOREIGN_OBJECT = '<svg><foreignObject><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe></foreignObject></svg>'
const SVG_ANIMATE =
  '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>go</text></a><set attributeName="onmouseover" to="alert(1)"/></svg>'
const svgParts = (output: string) =>
  parseHtml(output)
    .tags.map((t) => t.name)
    .filter((name) => ['svg', 'rect', 'line'].includes(name))
const ariaLabelOf = (output: string) => parseHtml(output).tags.find((t) => t.attrs['role'] === 'img')?.attrs['aria-label']

export const hostileCases: HostileCase[] = [
  {
    name: 'script tag typed into a paragraph',
    data: doc(paragraph(text(`Before ${SCRIPT} after`))),
    check: (output) => {
      showsText(SCRIPT)(output)
      expect(parseHtml(output).tags.map((t) => t.name)).toEqual(['p'])
    },
  },
  {
    name: 'img with onerror typed into bold and italic text',
    data: doc(paragraph(text(IMG_ONERROR, BOLD), text(`"><svg onload=alert(1)>`, ITALIC))),
    check: (output) => {
      showsText(IMG_ONERROR, '"><svg onload=alert(1)>')(output)
      expect(parseHtml(output).tags.map((t) => t.name)).toEqual(['p', 'strong', 'em'])
    },
  },
  {
    name: 'script in a heading with a made-up tag',
    data: doc(heading('script', text(SCRIPT))),
    check: (output) => {
      expect(parseHtml(output).tags.map((t) => t.name)).toEqual(['h2'])
      showsText(SCRIPT)(output)
    },
  },
  { name: 'javascript: link', data: doc(paragraph(link('javascript:alert(document.domain)'))), check: linkDefused },
  {
    name: 'mixed-case JaVaScRiPt: link opening a new tab',
    data: doc(paragraph(link('JaVaScRiPt:void(window.__pwned=1)', { newTab: true }))),
    check: linkDefused,
  },
  {
    name: 'data:text/html link',
    data: doc(paragraph(link('data:text/html,<script>alert("data")</script>'))),
    check: linkDefused,
  },
  {
    name: 'data:text/html;base64 link',
    data: doc(paragraph(link(`data:text/html;base64,${btoa('<script>alert("b64")</script>')}`))),
    check: linkDefused,
  },
  { name: 'vbscript: link', data: doc(paragraph(link('vbscript:msgbox("vb")'))), check: linkDefused },
  {
    name: 'javascript: hidden by whitespace and control characters',
    data: doc(paragraph(link(' \u0001java\tscr\nipt:alert("ws")'))),
    check: linkDefused,
  },
  {
    name: 'javascript: spelled with decimal entities',
    data: doc(paragraph(link('&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert("dec")'))),
    check: linkDefused,
  },
  {
    name: 'javascript: spelled with hex entities and an entity tab',
    data: doc(paragraph(link('&#x6A;ava&#x09;script&colon;alert("hex")'))),
    check: linkDefused,
  },
  {
    name: 'javascript: autolink',
    data: doc(paragraph(link('javascript:void(window.__pwned=1)', { type: 'autolink' }))),
    check: linkDefused,
  },
  {
    name: 'link URL that tries to close the href attribute',
    data: doc(paragraph(link('https://example.org/" onmouseover="window.__pwned=1" x="', { newTab: true }))),
    check: (output) => {
      linkDefused(output)
      expect(linkHrefs(output)[0]).toContain('onmouseover=')
    },
  },
  {
    name: 'protocol-relative link to another host',
    data: doc(paragraph(link('//evil.example/phish'))),
    check: linkDefused,
  },
  {
    name: 'list with a made-up tag and an attribute-breaking item value',
    data: doc({
      ...list('bullet', 'item'),
      tag: 'script',
      listType: '"><script>alert(1)</script>',
      children: [{ ...element, type: 'listitem', value: '1" onclick="window.__pwned=1', children: [text(SCRIPT)] }],
    }),
    check: (output) => {
      expect(parseHtml(output).tags.map((t) => t.name)).toEqual(['ul', 'li'])
      showsText(SCRIPT)(output)
    },
  },
  {
    name: 'highlights block with markup in every field',
    data: doc(block({ blockType: 'highlights', heading: SCRIPT, items: [{ figure: '<b>9</b>', label: IMG_ONERROR }] })),
    check: showsText(SCRIPT, '<b>9</b>', IMG_ONERROR),
  },
  {
    name: 'partner quote block with markup in every field',
    data: doc(
      block({
        blockType: 'partnerQuote',
        quote: SCRIPT,
        name: IMG_ONERROR,
        role: '"><svg onload=alert(1)>',
        organization: '<iframe src="javascript:alert(1)">',
      }),
    ),
    check: showsText(SCRIPT, IMG_ONERROR, '"><svg onload=alert(1)>', '<iframe src="javascript:alert(1)">'),
  },
  {
    name: 'financial breakdown block with markup in every field',
    data: doc(
      block({
        blockType: 'financialBreakdown',
        heading: SCRIPT,
        currency: 'USD',
        lines: [{ kind: 'income', label: IMG_ONERROR, amount: 5 }],
        note: '<a href="javascript:alert(1)">note</a>',
      }),
    ),
    check: (output) => {
      showsText(SCRIPT, IMG_ONERROR, '<a href="javascript:alert(1)">note</a>')(output)
      expect(linkHrefs(output)).toEqual([])
    },
  },
  {
    name: 'financial breakdown block with a made-up currency and amount',
    data: doc(
      block({
        blockType: 'financialBreakdown',
        heading: 'Money',
        currency: '<script>' as 'USD',
        lines: [{ kind: 'income', label: 'x', amount: '<img src=x onerror=alert(1)>' as unknown as number }],
      }),
      paragraph(text('after')),
    ),
    // Intl rejects the currency, so the block drops out rather than printing it.
    check: (output) => expect(output).toBe('<p>after</p>'),
  },
  {
    name: 'financial breakdown whose text carries SVG script, handlers and foreignObject',
    data: doc(
      block({
        blockType: 'financialBreakdown',
        heading: `</h2><svg onload="window.__pwned=1"><script>alert("svg")</script></svg>`,
        currency: 'USD',
        lines: [
          { kind: 'income', label: SVG_FOREIGN_OBJECT, amount: 5 },
          { kind: 'expense', label: SVG_ANIMATE, amount: 3 },
        ],
        note: '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
      }),
    ),
    check: (output) => {
      showsText(SVG_FOREIGN_OBJECT, SVG_ANIMATE, '<svg onload="window.__pwned=1">')(output)
      // Only the chart's own shapes: one bar per line and total, the expenses' with their stripes.
      expect(svgParts(output)).toEqual(['svg', 'rect', 'svg', 'rect', 'svg', 'rect', 'line', 'svg', 'rect', 'line'])
      expect(ariaLabelOf(output)).toContain(`the largest is ${SVG_FOREIGN_OBJECT}, 5 US dollars`)
    },
  },
  {
    name: 'financial breakdown label that tries to close the text alternative',
    data: doc(
      block({
        blockType: 'financialBreakdown',
        heading: 'Money',
        currency: 'USD',
        lines: [{ kind: 'income', label: '" onmouseover="window.__pwned=1" role="button', amount: 5 }],
      }),
    ),
    check: (output) => {
      const chart = parseHtml(output).tags.find((tag) => tag.attrs['class'] === 'money-chart')!
      expect(chart.attrNames).toEqual(['class', 'role', 'aria-label'])
      expect(chart.attrs['role']).toBe('img')
      expect(chart.attrs['aria-label']).toContain('the largest is " onmouseover="window.__pwned=1" role="button, 5 US dollars.')
    },
  },
  {
    name: 'financial breakdown with a real currency and an amount that tries to add attributes to a bar',
    data: doc(
      block({
        blockType: 'financialBreakdown',
        heading: 'Money',
        currency: 'USD',
        lines: [{ kind: 'income', label: 'x', amount: '50%" onload="alert(1)' as unknown as number }],
      }),
      paragraph(text('after')),
    ),
    // Bars are drawn only from numbers: the block drops out.
    check: (output) => expect(output).toBe('<p>after</p>'),
  },
  {
    name: 'heading and list whose tag claims to be svg or foreignObject',
    data: doc(heading('svg', text('x')), heading('foreignObject', text('y')), { ...list('bullet', 'item'), tag: 'svg' }),
    check: (output) => expect(parseHtml(output).tags.map((t) => t.name)).toEqual(['h2', 'h2', 'ul', 'li']),
  },
  {
    name: 'image upload whose URL is javascript:',
    data: doc(upload({ url: 'javascript:void(window.__pwned=1)' })),
    check: (output) => {
      expect(imgs(output)).toHaveLength(1)
      expect(imgs(output)[0]!.attrs['src']).toBeUndefined()
    },
  },
  {
    name: 'image upload whose URL is an SVG data: URL with script',
    data: doc(upload({ url: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', mimeType: 'image/svg+xml' })),
    check: (output) => expect(imgs(output)[0]!.attrs['src']).toBeUndefined(),
  },
  {
    name: 'document upload whose URL is javascript:',
    data: doc(upload({ url: 'javascript:alert("pdf")', mimeType: 'application/pdf', alt: 'Annual report' })),
    check: (output) => {
      expect(linkHrefs(output)).toEqual([undefined])
      expect(output).not.toMatch(/javascript/i)
    },
  },
  {
    name: 'document upload with markup in its name',
    data: doc(upload({ url: '/api/media/file/r.pdf', mimeType: 'application/pdf', alt: '', filename: `${SCRIPT}.pdf` })),
    check: showsText(`${SCRIPT}.pdf`),
  },
  {
    name: 'image alt texts and caption that try to close the attribute',
    data: doc(
      upload({ alt: '" onerror="window.__pwned=1', caption: SCRIPT }),
      upload({ alt: 'fine' }, { alt: "' onerror='window.__pwned=1' x='\" onload=\"alert(1)" }),
    ),
    check: (output) => {
      const [first, second] = imgs(output)
      expect(first!.attrs['alt']).toBe('" onerror="window.__pwned=1')
      expect(second!.attrs['alt']).toBe("' onerror='window.__pwned=1' x='\" onload=\"alert(1)")
      showsText(SCRIPT)(output)
    },
  },
  {
    name: 'image dimensions that try to add attributes',
    data: doc(upload({ width: '1200" height="1" onerror="window.__pwned=1' as unknown as number, height: 800 })),
    check: (output) => {
      const [img] = imgs(output)
      expect(img!.attrNames).toEqual(['src', 'alt', 'width', 'height', 'loading', 'decoding'])
      // The value stays inside its own attribute instead of taking over the next one.
      expect(img!.attrs['width']).toBe('1200" height="1" onerror="window.__pwned=1')
      expect(img!.attrs['height']).toBe('800')
    },
  },
  {
    name: 'styles and alignment from the editor',
    data: doc({
      ...paragraph(text('struck', 4), text('underlined', 8)),
      format: 'center',
      indent: '1" onclick="window.__pwned=1',
    }),
    // Inline styles and alignment are dropped; the spans that carried them stay, bare.
    check: (output) => expect(output).toBe('<p><span>struck</span><span>underlined</span></p>'),
  },
]

/**
 * Raw SVG no converter writes, straight into the allowlist: were a block renderer ever to pass
 * a document's text through unescaped, the second wall still lets only the chart's shapes by.
 */
export type HostileMarkup = { name: string; html: string; check: (output: string) => void }

const only =
  (...names: string[]) =>
  (output: string) =>
    expect(parseHtml(output).tags.map((t) => t.name)).toEqual(names)

export const hostileMarkup: HostileMarkup[] = [
  { name: 'svg with an onload handler', html: '<svg onload="window.__pwned=1"></svg>', check: only('svg') },
  {
    name: 'script inside svg',
    html: '<svg><script>window.__pwned=1</script><rect width="1"></rect></svg>',
    check: (output) => expect(output).toBe('<svg><rect width="1"></rect></svg>'),
  },
  {
    name: 'foreignObject carrying HTML with handlers',
    html: '<svg><foreignObject><img src="https://a.example/x.png" onerror="window.__pwned=1"><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
    check: (output) => {
      expect(output).not.toMatch(/foreignobject|iframe|onerror/i)
    },
  },
  {
    name: 'animate and set rewriting a link or a handler',
    html: '<svg><a href="javascript:alert(1)"><rect width="9" height="9"></rect><animate attributeName="href" values="javascript:alert(1)"></animate></a><set attributeName="onclick" to="alert(1)"></set></svg>',
    // The link stays, with nowhere to go.
    check: (output) => expect(output).toBe('<svg><a><rect width="9" height="9"></rect></a></svg>'),
  },
  {
    name: 'use and image pointing at script-bearing SVG',
    html: '<svg><use href="data:image/svg+xml,&lt;svg id=x onload=alert(1)&gt;#x" xlink:href="javascript:alert(1)"></use><image href="javascript:alert(1)"></image></svg>',
    check: only('svg'),
  },
  {
    name: 'handlers, styles and paint references on the allowed shapes',
    html: '<svg onclick="window.__pwned=1" style="x"><rect width="5" height="5" onmouseover="window.__pwned=1" fill="url(javascript:alert(1))" style="fill:red"></rect><line x1="0" x2="5" onfocus="alert(1)" marker-end="url(#m)"></line><style>*{}</style></svg>',
    check: (output) => expect(output).toBe('<svg><rect width="5" height="5"></rect><line x1="0" x2="5"></line></svg>'),
  },
  {
    name: 'a chart role other than img',
    html: '<div role="button" aria-label="x" tabindex="0" onclick="window.__pwned=1">press</div>',
    check: (output) => {
      const [div] = parseHtml(output).tags
      expect(div!.attrs['role'] ?? '').toBe('')
      expect(div!.attrNames).not.toContain('tabindex')
    },
  },
]

// The browser test imports this file for the cases above; only register these tests when vitest is
// running this file itself.
if (expect.getState().testPath === import.meta.filename) {
  describe('richTextToHtml: semantic output', () => {
    it('writes paragraphs with bold and italic text', () => {
      expect(html(doc(paragraph(text('Plain, '), text('bold', BOLD), text(' and '), text('italic', ITALIC)), paragraph(text('Second.'))))).toBe(
        '<p>Plain, <strong>bold</strong> and <em>italic</em></p><p>Second.</p>',
      )
    })

    it('keeps h2 and h3 and turns an h1 into h2, since the page title is the only h1', () => {
      expect(html(doc(heading('h1', text('Top')), heading('h2', text('Section')), heading('h3', text('Sub'))))).toBe('<h2>Top</h2><h2>Section</h2><h3>Sub</h3>')
    })

    it('writes ordered and unordered lists', () => {
      expect(html(doc(list('number', 'First', 'Second'), list('bullet', 'Apples', 'Pears')))).toBe(
        '<ol><li>First</li><li>Second</li></ol><ul><li>Apples</li><li>Pears</li></ul>',
      )
    })

    it('writes quotes as blockquote', () => {
      expect(html(doc(quote(text('We will not be moved.'))))).toBe('<blockquote>We will not be moved.</blockquote>')
    })

    it('writes links, with rel="noopener noreferrer" on those opening a new tab', () => {
      expect(
        html(
          doc(
            paragraph(
              text('Read '),
              link('https://example.org/report?a=1&b=2', { newTab: true, label: 'the report' }),
              text(', '),
              link('/about', { label: 'about us' }),
              text(' or '),
              link('mailto:hello@example.org', { label: 'write' }),
            ),
          ),
        ),
      ).toBe(
        '<p>Read <a href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">the report</a>, ' +
          '<a href="/about">about us</a> or <a href="mailto:hello@example.org">write</a></p>',
      )
    })

    it('writes an image upload as a lazy figure with an absolute URL, alt text and size', () => {
      expect(html(doc(upload({ caption: 'Tel Aviv, March 2025' })))).toBe(
        `<figure><img src="${CMS_URL}/api/media/file/march.jpg?v=2025-01-01T00%3A00%3A00.000Z" alt="Volunteers at the march" width="1200" height="800" ` +
          'loading="lazy" decoding="async" /><figcaption>Tel Aviv, March 2025</figcaption></figure>',
      )
    })

    it('prefers the alt text set on the upload node over the media default', () => {
      const [img] = imgs(html(doc(upload({}, { alt: 'Crowd in the square' }))))
      expect(img!.attrs['alt']).toBe('Crowd in the square')
    })

    it('builds image URLs against the CMS, keeping those of files stored elsewhere as they are', () => {
      const [img] = imgs(html(doc(upload({ url: 'https://files.example.org/march.jpg' }))))
      expect(img!.attrs['src']).toBe('https://files.example.org/march.jpg')
    })

    it('writes a PDF upload as a link to the file', () => {
      expect(html(doc(upload({ url: '/api/media/file/report.pdf', mimeType: 'application/pdf', alt: 'Annual report 2024', filename: 'report.pdf' })))).toBe(
        `<p><a href="${CMS_URL}/api/media/file/report.pdf?v=2025-01-01T00%3A00%3A00.000Z">Annual report 2024</a></p>`,
      )
      expect(html(doc(upload({ url: '/r.pdf', mimeType: 'application/pdf', alt: '', filename: 'report.pdf' })))).toBe(
        `<p><a href="${CMS_URL}/r.pdf?v=2025-01-01T00%3A00%3A00.000Z">report.pdf</a></p>`,
      )
    })

    it('refuses an upload whose document was not populated, instead of dropping the image', () => {
      expect(() => html(doc({ type: 'upload', relationTo: 'media', value: 7, fields: null }, paragraph(text('after'))))).toThrow(
        new UndrawableRichText('it shows media 7, read without its details (the content must be read at depth 1 or more)'),
      )
    })

    it('writes the highlights block as a list of figures', () => {
      expect(
        html(
          doc(
            block({
              blockType: 'highlights',
              heading: 'Our year',
              items: [
                { figure: '12,000', label: 'people at our first national action' },
                { figure: '$1.2M', label: 'raised from small donors' },
              ],
            }),
          ),
        ),
      ).toBe(
        '<section class="highlights"><h2>Our year</h2><ul class="figures">' +
          '<li><span class="figure">12,000</span> <span class="figure-label">people at our first national action</span></li>' +
          '<li><span class="figure">$1.2M</span> <span class="figure-label">raised from small donors</span></li></ul></section>',
      )
      expect(html(doc(block({ blockType: 'highlights', items: [{ figure: '3', label: 'cities' }] })))).toBe(
        '<section class="highlights"><ul class="figures"><li><span class="figure">3</span> <span class="figure-label">cities</span></li></ul></section>',
      )
    })

    it('writes the partner quote block as figure, blockquote and figcaption', () => {
      expect(
        html(
          doc(
            block({ blockType: 'partnerQuote', quote: 'They showed up every week.', name: 'Dana Levi', role: 'Director', organization: 'Neighbours United' }),
          ),
        ),
      ).toBe(
        '<figure class="partner-quote"><blockquote><p>They showed up every week.</p></blockquote>' +
          '<figcaption><span class="quote-name">Dana Levi</span>, Director, Neighbours United</figcaption></figure>',
      )
      expect(html(doc(block({ blockType: 'partnerQuote', quote: 'Yes.', name: 'Sam', role: null, organization: 'Org' })))).toBe(
        '<figure class="partner-quote"><blockquote><p>Yes.</p></blockquote><figcaption><span class="quote-name">Sam</span>, Org</figcaption></figure>',
      )
    })

    it('writes the financial breakdown block as its chart and table, which the allowlist keeps whole', () => {
      const fields: FinancialBreakdownBlock = {
        blockType: 'financialBreakdown',
        heading: 'Where the money came from and went',
        currency: 'USD',
        lines: [
          { kind: 'income', label: 'Small donations', amount: 12500 },
          { kind: 'expense', label: 'Rent', amount: 3000 },
        ],
        note: 'Unaudited figures.',
      }
      const output = html(doc(block(fields)))
      expect(output).toBe(financialBreakdown(fields))
      expect(parseHtml(output).tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['svg', 'rect', 'line', 'details', 'summary', 'table']))
    })
  })

  describe('richTextToHtml: hostile content renders inert', () => {
    it('has enough hostile cases', () => {
      expect(hostileCases.length).toBeGreaterThanOrEqual(12)
    })

    it.each(hostileCases)('$name', ({ data, check }) => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        const output = html(data)
        expectInert(output)
        check(output)
      } finally {
        errors.mockRestore()
      }
    })

    it.each(hostileMarkup)('the allowlist alone: $name', ({ html: markup, check }) => {
      const output = sanitizeRichHtml(markup)
      expectInert(output)
      check(output)
    })

    // The checker itself must catch what it is there to catch.
    it.each([
      ['a script tag', '<p>x</p><script>alert(1)</script>'],
      ['an event handler', '<img src="https://a.example/x.png" onerror="alert(1)">'],
      ['a javascript: link', '<a href="javascript:alert(1)">x</a>'],
      ['a javascript: link with entities and whitespace', '<a href=" java&#x09;script&#58;alert(1)">x</a>'],
      ['a data: image', '<img src="data:image/svg+xml,x">'],
      ['an inline style', '<p style="background:url(x)">x</p>'],
      ['a protocol-relative link', '<a href="//evil.example">x</a>'],
      ['markup the tag reader does not understand', '<p>x</p><img src=x onerror=alert(1)//'],
      ['a duplicated attribute', '<img src="https://a.example/x.png" height="1" height="2">'],
    ])('expectInert rejects %s', (_, unsafe) => {
      expect(() => expectInert(unsafe)).toThrow()
    })

    it('passes escaped markup as text', () => {
      const { tags, text: visible } = parseHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
      expect(tags.map((t) => t.name)).toEqual(['p'])
      expect(visible).toBe('<script>alert(1)</script>')
    })
  })

  describe('leadAndRest', () => {
    it('splits the opening paragraph off as inline HTML', () => {
      expect(
        leadAndRest(doc(paragraph(text('We are '), text('many', BOLD), text('.')), heading('h2', text('Why')), paragraph(text('Because.'))), options),
      ).toEqual({ lead: 'We are <strong>many</strong>.', rest: '<h2>Why</h2><p>Because.</p>' })
    })

    it('keeps links in the lead and leaves the rest empty for a single paragraph', () => {
      expect(leadAndRest(doc(paragraph(text('See '), link('/about', { label: 'us' }))), options)).toEqual({
        lead: 'See <a href="/about">us</a>',
        rest: '',
      })
    })

    it('has no lead when the text does not start with a paragraph', () => {
      expect(leadAndRest(doc(heading('h2', text('Title')), paragraph(text('Body'))), options)).toEqual({
        lead: '',
        rest: '<h2>Title</h2><p>Body</p>',
      })
    })

    it('sanitises the lead like the rest', () => {
      const { lead, rest } = leadAndRest(doc(paragraph(text(SCRIPT), link('javascript:alert(1)')), paragraph(text(IMG_ONERROR))), options)
      expectInert(lead)
      expectInert(rest)
      expect(parseHtml(lead).text).toBe(`${SCRIPT}click`)
      expect(parseHtml(rest).text).toBe(IMG_ONERROR)
    })

    it('gives empty parts for missing text', () => {
      expect(leadAndRest(null, options)).toEqual({ lead: '', rest: '' })
      expect(leadAndRest(undefined, options)).toEqual({ lead: '', rest: '' })
    })

    it('throws a TypeError for something that is not rich text', () => {
      expect(() => leadAndRest({ html: '<p>x</p>' } as unknown as RichText, options)).toThrow(TypeError)
    })
  })

  describe('richTextToHtml: what it cannot draw fails, never vanishes', () => {
    it.each([
      ['an unknown html node carrying raw markup', doc({ type: 'html', version: 1, html: `${SCRIPT}${IMG_ONERROR}` }, paragraph(text('after'))), /"html" node/],
      [
        'an unknown block type',
        doc({ type: 'block', version: 2, fields: { blockType: 'rawHtml', html: SCRIPT } }, paragraph(text('after'))),
        /rawHtml|"block"/,
      ],
      [
        'an unknown inline block type',
        doc(paragraph(text('after'), { type: 'inlineBlock', version: 1, fields: { blockType: 'embed', html: IMG_ONERROR } })),
        /embed|"inlineBlock"/,
      ],
      ['an image read without its details (only its id)', doc(paragraph(text('see')), { ...upload({}), value: 12 }), /media 12, read without its details/],
      ['an image the CMS did not send (deleted, or not public)', doc({ ...upload({}), value: null }), /did not send/],
    ])('%s', (_, data, message) => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        expect(() => html(data)).toThrow(UndrawableRichText)
        expect(() => html(data)).toThrow(message)
      } finally {
        errors.mockRestore()
      }
    })
  })

  describe('richTextToHtml: bad input', () => {
    it('gives an empty string for missing or empty text', () => {
      expect(html(null)).toBe('')
      expect(html(undefined)).toBe('')
      expect(html(doc())).toBe('')
      expect(html(doc(paragraph()))).toBe('')
      expect(html(doc(paragraph(text(''))))).toBe('')
    })

    it.each([
      ['a plain object', { html: '<p>hello</p>' }],
      ['a root without children', { root: { type: 'root' } }],
      ['children that are not a list', { root: { children: 'hello' } }],
      ['a string', '<p>hello</p>'],
      ['a number', 42],
      ['an array', [paragraph(text('x'))]],
    ])('throws a TypeError naming the problem for %s', (_, value) => {
      expect(() => html(value)).toThrow(new TypeError('rich text is not a Lexical editor state (no root.children)'))
    })
  })
}
