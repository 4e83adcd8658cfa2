import type { Payload } from 'payload'

import { IMPORTED_WITH_CONSENT } from '../../src/collections/Subscribers/confirmedByThemselves'
import type { Subscriber } from '../../src/payload-types'
import { paragraphs } from '../../src/seed/richText'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

/** Valid data for a new document of each editorial collection, unique per call. */
export async function editorialData(payload: Payload, slug: EditorialSlug): Promise<Record<string, unknown>> {
  const id = unique()
  switch (slug) {
    case 'values':
      return { title: `Value ${id}`, summary: 'A summary.', body: paragraphs('Body.') }
    case 'faq-categories':
      return { title: `Category ${id}` }
    case 'faqs': {
      const category = await payload.create({ collection: 'faq-categories', data: { title: `Cat ${id}`, _status: 'published' } })
      return { question: `Question ${id}?`, category: category.id, answer: paragraphs('An answer.') }
    }
    case 'annual-reports': {
      const { docs } = await payload.find({ collection: 'annual-reports', sort: '-hebrewYear', limit: 1, draft: true })
      const year = (docs[0]?.hebrewYear ?? 5760) + 1
      return { hebrewYear: year, title: `Report ${year}`, summary: 'What we did.', body: paragraphs('Body.') }
    }
  }
}

/** The least a home page needs to be saved or published: its three sections (the call to join as given). */
export const minimalHome = (joinCall: { heading: string; text: string; linkLabel?: string; linkUrl?: string } = { heading: 'Join', text: 'J' }) => ({
  vision: { heading: 'Vision', body: paragraphs('V') },
  whoWeAre: { heading: 'Who', body: paragraphs('W') },
  joinCall,
})

/** The least the site settings need to be published. */
export const minimalSettings = { siteName: 'Site', newsletter: { heading: 'H', pitch: 'P', consentText: 'C', consentVersion: '1' } }

export const EDITORIAL = ['values', 'faq-categories', 'faqs', 'annual-reports'] as const
export type EditorialSlug = (typeof EDITORIAL)[number]

/** A document that exists in the given state, created with full access. */
export async function createDoc(payload: Payload, slug: EditorialSlug, status: 'draft' | 'published') {
  const data = await editorialData(payload, slug)
  return payload.create({ collection: slug, data: { ...data, _status: status } as never, draft: status === 'draft' })
}

/** A subscriber on the list as "confirmed", as an import that carries their consent record puts them there. */
export const createConfirmedSubscriber = (payload: Payload, data: { email: string } & Partial<Subscriber>) =>
  payload.create({
    collection: 'subscribers',
    context: { [IMPORTED_WITH_CONSENT]: true },
    data: {
      consentText: 'Yes, send me Get the Wire.',
      consentVersion: '1',
      consentedAt: '2026-01-05T10:00:00.000Z',
      sourcePage: '/wire',
      ...data,
      status: 'confirmed',
    },
  })
