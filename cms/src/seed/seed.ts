import type { Payload, PayloadRequest } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { annualReportYear, CONSENT, FAQ_CATEGORIES, faqEntries, NAVIGATION, SITE_NAME, splitJoinCall } from './content'
import { SITE_ROUTES } from '../contract'
import { paragraphs } from './richText'
import { loadSiteCopy, type SiteCopy } from './siteCopy'

/**
 * Loads the organization's copy into an empty install, in one transaction. A database that
 * already holds content (the home page has been saved) is left exactly as it is, so editors'
 * changes and deletions survive every restart.
 */
export async function seedContent(payload: Payload, copy: SiteCopy = loadSiteCopy()): Promise<boolean> {
  const home = await payload.findGlobal({ slug: 'home', depth: 0, draft: true })
  if (home.vision?.heading) return false

  const req = await createLocalReq({ context: { seeding: true } }, payload)
  await initTransaction(req)
  try {
    await writeContent(payload, req, copy)
    await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw error
  }
  payload.logger.info('Seeded the organization’s copy: home page, core values, FAQ, annual report, site settings.')
  return true
}

async function writeContent(payload: Payload, req: PayloadRequest, copy: SiteCopy) {
  const published = { _status: 'published' as const }
  const { about, invitation } = splitJoinCall(copy.whoWeAre)

  await payload.updateGlobal({
    slug: 'home',
    req,
    data: {
      ...published,
      vision: { heading: 'Our vision', body: paragraphs(...copy.vision) },
      whoWeAre: { heading: 'Who we are', body: paragraphs(...about) },
      joinCall: { heading: 'Join us', text: invitation, linkLabel: 'Get the Wire', linkUrl: SITE_ROUTES.wire },
    },
  })

  await payload.updateGlobal({
    slug: 'site-settings',
    req,
    data: {
      ...published,
      siteName: SITE_NAME,
      tagline: 'Jewish solidarity with the Palestinian freedom struggle',
      navigation: NAVIGATION,
      newsletter: {
        heading: copy.wire.heading,
        pitch: copy.wire.pitch,
        consentText: CONSENT.text,
        consentVersion: CONSENT.version,
      },
    },
  })

  for (const value of copy.values) {
    const [firstSentence] = value.text.split(/(?<=[.!?])\s/)
    await payload.create({
      collection: 'values',
      req,
      data: { ...published, title: value.title, summary: firstSentence!, body: paragraphs(value.text) },
    })
  }

  const categoryIds = new Map<string, number>()
  for (const title of FAQ_CATEGORIES) {
    const category = await payload.create({ collection: 'faq-categories', req, data: { ...published, title } })
    categoryIds.set(title, category.id)
  }
  for (const entry of faqEntries(copy.faq)) {
    await payload.create({
      collection: 'faqs',
      req,
      data: {
        ...published,
        question: entry.question,
        category: categoryIds.get(entry.category)!,
        answer: paragraphs(...entry.answer),
      },
    })
  }

  const year = annualReportYear(copy.annualReport)
  await payload.create({
    collection: 'annual-reports',
    req,
    data: {
      ...published,
      hebrewYear: year,
      title: `Annual Report ${year}`,
      // The copy holds only the report's teaser: it is the summary, and the body is left for
      // editors to write rather than repeating it.
      summary: copy.annualReport.join(' '),
    },
  })
}
