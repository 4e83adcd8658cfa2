import { readFileSync } from 'node:fs'

/**
 * The organization's copy, as delivered (organization-site-copy.txt beside this file), split into
 * its sections. Headings are matched case-insensitively; every other non-empty line is a paragraph.
 */
export type SiteCopy = {
  vision: string[]
  whoWeAre: string[]
  values: { title: string; text: string }[]
  annualReport: string[]
  faq: string[]
  wire: { heading: string; pitch: string }
}

const SECTIONS = {
  'our vision': 'vision',
  'who we are': 'whoWeAre',
  'our core values': 'values',
  'annual report': 'annualReport',
  faq: 'faq',
  get: 'wire',
} as const

type Section = (typeof SECTIONS)[keyof typeof SECTIONS]

export function parseSiteCopy(text: string): SiteCopy {
  const lines: Record<Section, string[]> = {
    vision: [],
    whoWeAre: [],
    values: [],
    annualReport: [],
    faq: [],
    wire: [],
  }
  let section: Section | null = null
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    const heading = SECTIONS[line.toLowerCase() as keyof typeof SECTIONS]
    if (heading) {
      section = heading
      continue
    }
    if (!section) throw new Error(`Site copy: text before the first heading: "${line}"`)
    lines[section].push(line)
  }

  // The values section alternates title and paragraph.
  if (lines.values.length % 2 !== 0) throw new Error('Site copy: each core value needs a title and a paragraph')
  const values = []
  for (let i = 0; i < lines.values.length; i += 2) {
    values.push({ title: lines.values[i]!, text: lines.values[i + 1]! })
  }

  // "Get" / "the Wire" is one heading split over two lines; the pitch follows.
  const [wireRest, ...pitch] = lines.wire
  if (!wireRest || pitch.length === 0) throw new Error('Site copy: the "Get the Wire" section is incomplete')

  for (const [name, paragraphs] of Object.entries({ ...lines, values })) {
    if (paragraphs.length === 0) throw new Error(`Site copy: section "${name}" is empty`)
  }
  return {
    vision: lines.vision,
    whoWeAre: lines.whoWeAre,
    values,
    annualReport: lines.annualReport,
    faq: lines.faq,
    wire: { heading: `Get ${wireRest}`, pitch: pitch.join(' ') },
  }
}

export const loadSiteCopy = (): SiteCopy => parseSiteCopy(readFileSync(new URL('./organization-site-copy.txt', import.meta.url), 'utf8'))
