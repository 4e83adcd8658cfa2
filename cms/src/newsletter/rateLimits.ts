import type { Payload } from 'payload'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'

import { pseudonym } from './tokens'
import { RATE_LIMIT_TABLE } from './rateLimitTable'

/** Sign-ups per client IP, and per address whatever its state (so limits reveal nothing). */
const LIMITS = {
  ip: { points: 10, duration: 10 * 60 },
  address: { points: 5, duration: 60 * 60 },
} as const

type Limiters = Record<keyof typeof LIMITS, RateLimiterPostgres>
const limitersByPayload = new WeakMap<Payload, Limiters>()

function limiters(payload: Payload): Limiters {
  let found = limitersByPayload.get(payload)
  if (!found) {
    const pool = (payload.db as unknown as { pool: unknown }).pool
    const make = (prefix: keyof typeof LIMITS) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: `signup-${prefix}`,
        ...LIMITS[prefix],
      })
    found = { ip: make('ip'), address: make('address') }
    limitersByPayload.set(payload, found)
  }
  return found
}

export type RateLimitResult = { limited: false } | { limited: true; retryAfterSeconds: number }

/** Spends one sign-up from the IP's and the address's allowance; keys are keyed hashes. */
export async function spendSignup(payload: Payload, { ip, emailKey }: { ip?: string; emailKey: string }): Promise<RateLimitResult> {
  const secret = payload.secret
  const { ip: byIp, address: byAddress } = limiters(payload)
  try {
    if (ip) await byIp.consume(pseudonym(ip, secret))
    await byAddress.consume(pseudonym(emailKey, secret))
    return { limited: false }
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
    }
    throw error
  }
}
