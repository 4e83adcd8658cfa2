import { SITE_ROUTES } from '../contract'
import type { SiteCopy } from './siteCopy'

/**
 * How the organization's copy becomes documents. The copy itself is untouched; what is added
 * here is editorial structure the plain text lacks: the FAQ's questions and categories, the
 * menu, and the consent wording for the sign-up form.
 */
export const FAQ_CATEGORIES = ['The ceasefire', 'Our role in the movement', 'Antisemitism and Zionism'] as const

const FAQ_QUESTIONS: { question: string; category: (typeof FAQ_CATEGORIES)[number]; opensWith: string }[] = [
  {
    question: 'Why does JVP call for a permanent ceasefire?',
    category: 'The ceasefire',
    opensWith: 'Our call for a permanent ceasefire',
  },
  {
    question: 'What is JVP’s role in the movement for Palestinian liberation?',
    category: 'Our role in the movement',
    opensWith: 'JVP has a specific, critical role',
  },
  {
    question: 'How does JVP understand and fight antisemitism?',
    category: 'Antisemitism and Zionism',
    opensWith: 'As a Jewish organization, we understand deeply',
  },
  {
    question: 'Why does JVP resist Zionism?',
    category: 'Antisemitism and Zionism',
    opensWith: 'We do our work to organize our people',
  },
]

export type FaqSeed = { question: string; category: string; answer: string[] }

/** Splits the FAQ text into question/answer pairs at the paragraph each answer opens with. */
export function faqEntries(paragraphs: string[]): FaqSeed[] {
  const starts = FAQ_QUESTIONS.map(({ opensWith }) => {
    const index = paragraphs.findIndex((p) => p.startsWith(opensWith))
    if (index === -1) throw new Error(`Site copy: no FAQ paragraph opens with "${opensWith}"`)
    return index
  })
  if (starts[0] !== 0 || starts.some((s, i) => i > 0 && s <= starts[i - 1]!)) {
    throw new Error('Site copy: FAQ answers are not in the expected order')
  }
  return FAQ_QUESTIONS.map(({ question, category }, i) => ({
    question,
    category,
    answer: paragraphs.slice(starts[i], starts[i + 1] ?? paragraphs.length),
  }))
}

export function annualReportYear(paragraphs: string[]): number {
  const match = paragraphs.join(' ').match(/\b(5\d{3})\b/)
  if (!match) throw new Error('Site copy: the annual report teaser names no Hebrew year')
  return Number(match[1])
}

export const SITE_NAME = 'Jewish Voice for Peace'

export const NAVIGATION = [
  { label: 'Our values', href: SITE_ROUTES.values },
  { label: 'FAQ', href: SITE_ROUTES.faq },
  { label: 'Annual reports', href: SITE_ROUTES.reports },
  { label: 'Get the Wire', href: SITE_ROUTES.wire },
]

export const CONSENT = {
  text: `Yes, send me "Get the Wire" emails from ${SITE_NAME}. I can unsubscribe at any time with the link in every email.`,
  version: '2026-11',
}

/** The who-we-are text ends with the invitation "…: Join us. You belong here.": the call to join. */
export function splitJoinCall(whoWeAre: string[]): { about: string[]; invitation: string } {
  const invitation = whoWeAre.at(-1)
  if (whoWeAre.length < 2 || !invitation?.includes('Join us')) {
    throw new Error('Site copy: the who-we-are text does not end with its "Join us" invitation')
  }
  return { about: whoWeAre.slice(0, -1), invitation }
}

export type { SiteCopy }
