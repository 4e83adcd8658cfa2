import type { Endpoint, PayloadRequest } from 'payload'

import { presentsBearer } from '../auth/bearer'
import { CONFIRM_STATUS, MAX_SIGNUP_BATCH, NEWSLETTER_API, UNSUBSCRIBE_STATUS, type JournaledSignup } from '../contract'
import { recordSignups } from './recordSignups'
import { siteToken } from './settings'
import { confirmSubscription, requestUnsubscribeLink, resendConfirmation, unsubscribe } from './subscribe'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } })

/** The site server's shared secret; the only caller these endpoints accept. */
const fromSiteServer = (req: PayloadRequest) => presentsBearer(req.headers, siteToken())

async function readBody(req: PayloadRequest): Promise<Record<string, unknown> | null> {
  try {
    const body = (await req.json?.()) as unknown
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** An endpoint at one of the contract's paths (`/api` is Payload's prefix, not the endpoint's). */
function endpoint(apiPath: string, handle: (req: PayloadRequest, body: Record<string, unknown>) => Promise<Response>): Endpoint {
  return {
    path: apiPath.replace(/^\/api/, ''),
    method: 'post',
    handler: async (req) => {
      if (!fromSiteServer(req)) return json(401, { error: 'Only the site server may call this.' })
      const body = await readBody(req)
      if (!body) return json(400, { error: 'Send a JSON object.' })
      return handle(req, body)
    },
  }
}

const tokenOf = (body: Record<string, unknown>) => (typeof body.token === 'string' ? body.token : '')

/**
 * The site server's calls (cms/src/contract/newsletter.ts). Sign-ups arrive in batches from its
 * journal, after the person has already had their answer; the subscribers collection itself is
 * closed to all but admins, so nothing here returns a subscriber.
 */
export const newsletterEndpoints: Endpoint[] = [
  endpoint(NEWSLETTER_API.signups, async (req, body) => {
    const { signups } = body
    if (!Array.isArray(signups) || signups.length > MAX_SIGNUP_BATCH || !signups.every((s) => s && typeof s === 'object')) {
      return json(400, { error: `Send { signups: [...] } with at most ${MAX_SIGNUP_BATCH} sign-ups.` })
    }
    return json(200, await recordSignups(req.payload, signups as JournaledSignup[]))
  }),
  endpoint(NEWSLETTER_API.confirm, async (req, body) => {
    const outcome = await confirmSubscription(req.payload, tokenOf(body))
    return json(CONFIRM_STATUS[outcome], { status: outcome })
  }),
  endpoint(NEWSLETTER_API.resend, async (req, body) => {
    await resendConfirmation(req.payload, tokenOf(body))
    return json(202, { status: 'accepted' })
  }),
  endpoint(NEWSLETTER_API.unsubscribe, async (req, body) => {
    const outcome = await unsubscribe(req.payload, tokenOf(body))
    return json(UNSUBSCRIBE_STATUS[outcome], { status: outcome })
  }),
  endpoint(NEWSLETTER_API.unsubscribeLink, async (req, body) => {
    await requestUnsubscribeLink(req.payload, body.email)
    return json(202, { status: 'accepted' })
  }),
]
