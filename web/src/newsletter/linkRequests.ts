import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import { visitorKey } from './visitor'

/**
 * Requests for an unsubscribe link (/wire/unsubscribe without a link) per visitor (client
 * address, an IPv6 one by its /64): someone who lost our emails asks once or twice; a script trying address after
 * address is stopped here, before the CMS. (The CMS also caps the emails any one address gets.)
 */
export const LINK_REQUESTS_PER_VISITOR = { points: 5, duration: 10 * 60 }

const perVisitor = new RateLimiterMemory(LINK_REQUESTS_PER_VISITOR)

/** Counts a request: 0 when the visitor may ask now, else the seconds until they may ask again. */
export async function linkRequestWait(clientAddress: string | undefined, limiter: RateLimiterMemory = perVisitor): Promise<number> {
  if (!clientAddress) return 0
  try {
    await limiter.consume(visitorKey(clientAddress))
    return 0
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    return Math.max(1, Math.ceil(error.msBeforeNext / 1000))
  }
}
