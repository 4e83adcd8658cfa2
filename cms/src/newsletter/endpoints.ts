import { timingSafeEqual } from 'node:crypto'
import type { Endpoint, PayloadRequest } from 'payload'

import { spendSignup } from './rateLimits'
import { siteToken } from './settings'
import { confirmSubscription, recordSignup, resendConfirmation, unsubscribe } from './subscribe'
import { checkSignup, type SignupInput } from './validation'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } })

/** The site server's shared secret; the only caller these endpoints accept. */
function fromSiteServer(req: PayloadRequest): boolean {
  const given = Buffer.from(req.headers.get('authorization')?.replace(/^Bearer /, '') ?? '')
  const expected = Buffer.from(siteToken())
  return given.length === expected.length && timingSafeEqual(given, expected)
}

async function readBody(req: PayloadRequest): Promise<Record<string, unknown> | null> {
  try {
    const body = (await req.json?.()) as unknown
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function endpoint(path: string, handle: (req: PayloadRequest, body: Record<string, unknown>) => Promise<Response>): Endpoint {
  return {
    path: `/newsletter/${path}`,
    method: 'post',
    handler: async (req) => {
      if (!fromSiteServer(req)) return json(401, { error: 'Only the site server may call this.' })
      const body = await readBody(req)
      if (!body) return json(400, { error: 'Send a JSON object.' })
      return handle(req, body)
    },
  }
}

const ACCEPTED = { status: 'accepted' } as const
const tokenOf = (body: Record<string, unknown>) => (typeof body.token === 'string' ? body.token : '')

/**
 * The one path a sign-up takes into the CMS. The subscribers collection itself is closed to all
 * but admins, so nothing here returns a subscriber, and every accepted sign-up, whatever the
 * address's state, gets the same answer.
 */
export const newsletterEndpoints: Endpoint[] = [
  endpoint('signup', async (req, body) => {
    const check = checkSignup(body as SignupInput)
    if (check.kind === 'invalid') return json(400, { errors: check.errors })
    if (check.kind === 'bot') {
      req.payload.logger.info(`Newsletter sign-up dropped (${check.reason})`)
      return json(202, ACCEPTED)
    }
    const ip = typeof body.ip === 'string' && body.ip.length <= 64 ? body.ip : undefined
    const limit = await spendSignup(req.payload, { ip, emailKey: check.signup.email.toLowerCase() })
    if (limit.limited) {
      return json(
        429,
        { error: `Too many sign-ups. Please try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`, retryAfter: limit.retryAfterSeconds },
        { 'Retry-After': String(limit.retryAfterSeconds) },
      )
    }
    await recordSignup(req.payload, check.signup)
    return json(202, ACCEPTED)
  }),
  endpoint('confirm', async (req, body) => {
    const result = await confirmSubscription(req.payload, tokenOf(body))
    return json(result === 'confirmed' ? 200 : result === 'expired' ? 410 : 404, { status: result })
  }),
  endpoint('resend', async (req, body) => {
    await resendConfirmation(req.payload, tokenOf(body))
    return json(202, ACCEPTED)
  }),
  endpoint('unsubscribe', async (req, body) => {
    const result = await unsubscribe(req.payload, tokenOf(body))
    return json(result === 'unsubscribed' ? 200 : 404, { status: result })
  }),
]
