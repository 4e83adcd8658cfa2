/**
 * The per-visitor sign-up limit (10 in 10 minutes) applies to the real visitor: an address
 * forwarded by a reverse proxy counts only when the connection comes from a proxy the operator
 * declared (TRUSTED_PROXIES); from anyone else, the header is ignored and the connection's own
 * address counts. Real site servers, real requests.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { serveBuild } from './serveBuild'

let direct: Awaited<ReturnType<typeof serveBuild>>
let behindProxy: Awaited<ReturnType<typeof serveBuild>>

beforeAll(async () => {
  direct = await serveBuild(inject('siteDir'), inject('cmsUrl'))
  // Here the test itself, on 127.0.0.1, plays the reverse proxy.
  behindProxy = await serveBuild(inject('siteDir'), inject('cmsUrl'), { TRUSTED_PROXIES: 'loopback' })
})

afterAll(() => {
  direct?.stop()
  behindProxy?.stop()
})

let counter = 0
async function signUp(siteUrl: string, headers: Record<string, string>) {
  const response = await fetch(`${siteUrl}/wire/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...headers },
    body: new URLSearchParams({ email: `visitor-${++counter}-${process.pid}@proxy.example` }),
  })
  return response.status
}

const elevenTimes = async (siteUrl: string, headersOf: (i: number) => Record<string, string>) => {
  const statuses: number[] = []
  for (let i = 0; i < 11; i++) statuses.push(await signUp(siteUrl, headersOf(i)))
  return statuses
}

describe('without trusted proxies', () => {
  it('ignores X-Forwarded-For and Forwarded: one connection address is one visitor, whatever it claims', async () => {
    const statuses = await elevenTimes(direct.url, (i): Record<string, string> =>
      i % 2 ? { 'X-Forwarded-For': `203.0.113.${i + 1}` } : { Forwarded: `for=198.51.100.${i + 1}` },
    )
    expect(statuses).toEqual([...Array(10).fill(200), 429])
  })
})

describe('behind a trusted proxy', () => {
  it('counts each forwarded visitor on their own: eleven visitors, eleven sign-ups', async () => {
    expect(await elevenTimes(behindProxy.url, (i) => ({ 'X-Forwarded-For': `203.0.113.${i + 20}` }))).toEqual(Array(11).fill(200))
  })

  it('limits one forwarded visitor, by X-Forwarded-For or by Forwarded', async () => {
    expect(await elevenTimes(behindProxy.url, () => ({ 'X-Forwarded-For': '203.0.113.99' }))).toEqual([...Array(10).fill(200), 429])
    expect(await elevenTimes(behindProxy.url, () => ({ Forwarded: 'for="[2001:db8::7]:4711";proto=https' }))).toEqual([...Array(10).fill(200), 429])
  })

  it('takes the nearest address the proxy did not vouch for, not one the visitor wrote in front of it', async () => {
    const statuses = await elevenTimes(behindProxy.url, (i) => ({ 'X-Forwarded-For': `10.0.0.${i + 1}, 198.51.100.200` }))
    expect(statuses).toEqual([...Array(10).fill(200), 429])
  })
})
