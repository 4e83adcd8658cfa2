/**
 * The per-visitor limit on unsubscribe-link requests (src/newsletter/linkRequests.ts), with the
 * real rate limiter the site server uses.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { expect, it } from 'vitest'

import { LINK_REQUESTS_PER_VISITOR, linkRequestWait } from '../src/newsletter/linkRequests'

it('lets a visitor ask five times in ten minutes, then says how long to wait, without touching other visitors', async () => {
  const limiter = new RateLimiterMemory(LINK_REQUESTS_PER_VISITOR)
  for (let i = 0; i < 5; i++) expect(await linkRequestWait('203.0.113.7', limiter)).toBe(0)
  const wait = await linkRequestWait('203.0.113.7', limiter)
  expect(wait).toBeGreaterThan(590)
  expect(wait).toBeLessThanOrEqual(600)
  expect(await linkRequestWait('198.51.100.2', limiter)).toBe(0)
})

it('counts nothing when the visitor has no address (a request from inside the server)', async () => {
  const limiter = new RateLimiterMemory({ points: 1, duration: 60 })
  expect(await linkRequestWait(undefined, limiter)).toBe(0)
  expect(await linkRequestWait(undefined, limiter)).toBe(0)
})
