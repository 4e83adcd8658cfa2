import type { CollectionAfterLoginHook, CollectionBeforeOperationHook, Payload, PayloadRequest } from 'payload'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'

import { clientIp } from '../../auth/clientIp'
import { pseudonym } from '../../newsletter/tokens'
import { Refused } from '../../refused'
import { SIGN_IN_LIMITS_TABLE } from './signInLimitsTable'

/**
 * Per client address. Fewer failed sign-ins than it takes to lock an account (Users'
 * maxLoginAttempts), so nobody locks a colleague out from one address by guessing.
 */
export const SIGN_IN_LIMITS = {
  login: { points: 5, duration: 15 * 60 },
  forgotPassword: { points: 5, duration: 60 * 60 },
} as const
type Action = keyof typeof SIGN_IN_LIMITS

const limitersByPayload = new WeakMap<Payload, Record<Action, RateLimiterPostgres>>()

function limiter(payload: Payload, action: Action): RateLimiterPostgres {
  let found = limitersByPayload.get(payload)
  if (!found) {
    const make = (prefix: Action) =>
      new RateLimiterPostgres({
        storeClient: payload.db.pool,
        storeType: 'pool',
        // Created by the migrations; keys are prefixed per action.
        tableName: SIGN_IN_LIMITS_TABLE,
        tableCreated: true,
        keyPrefix: `staff-${prefix}`,
        ...SIGN_IN_LIMITS[prefix],
      })
    found = { login: make('login'), forgotPassword: make('forgotPassword') }
    limitersByPayload.set(payload, found)
  }
  return found[action]
}

/** A keyed hash of the address, so no IP is stored; in-process requests have none and share one key. */
const keyFor = (req: PayloadRequest) => pseudonym(clientIp(req.headers) ?? 'unknown', req.payload.secret)

/**
 * Sign-ins and password-reset requests over the API spend one of their address's attempts, up
 * front (so a burst cannot overtake the count); once spent, 429 with Retry-After. The Local API
 * (seeding, scripts) is not limited.
 */
export const limitSignInAttempts: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (req.payloadAPI === 'local' || (operation !== 'login' && operation !== 'forgotPassword')) return args
  try {
    await limiter(req.payload, operation).consume(keyFor(req))
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000))
    ;(req.responseHeaders ??= new Headers()).set('Retry-After', String(seconds))
    throw new Refused(`Too many attempts from your network. Please try again in ${Math.ceil(seconds / 60)} minutes.`, 429)
  }
  return args
}

/** A successful sign-in gives its attempt back: only failures count against an address. */
export const refundSuccessfulSignIn: CollectionAfterLoginHook = async ({ req, user }) => {
  if (req.payloadAPI !== 'local') await limiter(req.payload, 'login').reward(keyFor(req), 1)
  return user
}
