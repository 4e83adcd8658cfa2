import { randomUUID } from 'node:crypto'

import { REST_POST } from '@payloadcms/next/routes'
import type { Payload, SanitizedConfig } from 'payload'

import { NEWSLETTER_API, type JournaledSignup } from '../../src/contract'
import { sendDueEmails } from '../../src/newsletter/outbox'

export type Reply = { status: number; headers: Headers; text: string; body: any }
export type NewsletterCall = keyof typeof NEWSLETTER_API

/**
 * The site server's calls to the CMS (cms/src/contract/newsletter.ts), made through the real Next
 * route handler of the CMS under test.
 */
export function newsletterClient(config: SanitizedConfig, siteToken: string) {
  const rest = REST_POST(config)
  return async function call(
    action: NewsletterCall,
    body: unknown,
    { auth = `Bearer ${siteToken}`, raw }: { auth?: string | null; raw?: string } = {},
  ): Promise<Reply> {
    const headers = new Headers({ 'Content-Type': 'application/json' })
    if (auth !== null) headers.set('Authorization', auth)
    const path = NEWSLETTER_API[action]
    const response = await rest(new Request(`http://localhost:3000${path}`, { method: 'POST', headers, body: raw ?? JSON.stringify(body) }), {
      params: Promise.resolve({ slug: path.split('/').slice(2) }),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, text, body: parsed }
  }
}

/** A sign-up as the site server journals it: a fresh id, received now, unless given. */
export const journaled = (email: string, extra: Partial<JournaledSignup> = {}): JournaledSignup => ({
  id: randomUUID(),
  receivedAt: new Date().toISOString(),
  email,
  firstName: 'Dana',
  lastName: 'Levi',
  postalCode: '10115',
  sourcePage: '/values',
  ...extra,
})

/** Sends every confirmation email that is due, as the job runner's outbox sender would. */
export async function drainOutbox(payload: Payload): Promise<void> {
  while ((await sendDueEmails(payload)) > 0) {
    // more may be due
  }
}
