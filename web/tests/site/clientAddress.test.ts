/**
 * The per-visitor limits (10 sign-ups, 5 unsubscribe-link requests in 10 minutes) apply to the
 * real visitor: the X-Forwarded-For of a reverse proxy counts only when the connection comes from
 * a proxy the operator declared (TRUSTED_PROXIES); from anyone else, the header is ignored and
 * the connection's own address counts. No other header names the visitor (a `Forwarded` header is
 * the visitor's own writing, which nginx passed on), and an IPv6 visitor is their /64. Real site
 * servers, real requests, and the repo's own nginx in front of one.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { startNginx } from './nginx'
import { serveBuild } from './serveBuild'

let direct: Awaited<ReturnType<typeof serveBuild>>
let behindProxy: Awaited<ReturnType<typeof serveBuild>>
let behindNginx: Awaited<ReturnType<typeof serveBuild>>
let nginx: Awaited<ReturnType<typeof startNginx>>

beforeAll(async () => {
  direct = await serveBuild(inject('siteDir'), inject('cmsUrl'))
  // Here the test itself, on 127.0.0.1, plays the reverse proxy.
  behindProxy = await serveBuild(inject('siteDir'), inject('cmsUrl'), { TRUSTED_PROXIES: 'loopback' })
  // As deployed: nginx (on loopback too) is the proxy the site server trusts.
  behindNginx = await serveBuild(inject('siteDir'), inject('cmsUrl'), { TRUSTED_PROXIES: 'loopback' })
  nginx = await startNginx({
    siteRoot: path.join(inject('siteDir'), 'client'),
    siteServer: new URL(behindNginx.url).host,
    cmsOrigin: new URL(inject('cmsUrl')).origin,
  })
})

afterAll(() => {
  nginx?.stop()
  direct?.stop()
  behindProxy?.stop()
  behindNginx?.stop()
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

  it('limits one forwarded visitor', async () => {
    expect(await elevenTimes(behindProxy.url, () => ({ 'X-Forwarded-For': '203.0.113.99' }))).toEqual([...Array(10).fill(200), 429])
  })

  it('reads X-Forwarded-For only: a Forwarded header, even through the trusted proxy, names nobody', async () => {
    const statuses = await elevenTimes(behindProxy.url, (i) => ({ 'X-Forwarded-For': '203.0.113.98', Forwarded: `for=198.51.100.${i + 1}` }))
    expect(statuses).toEqual([...Array(10).fill(200), 429])
  })

  it('counts an IPv6 visitor by their /64: new addresses in it are the same visitor, the next /64 another', async () => {
    const statuses = await elevenTimes(behindProxy.url, (i) => ({ 'X-Forwarded-For': `2001:db8:5:6:${(i + 1).toString(16)}::${i + 7}` }))
    expect(statuses).toEqual([...Array(10).fill(200), 429])
    expect(await signUp(behindProxy.url, { 'X-Forwarded-For': '2001:db8:5:7::1' })).toBe(200)
  })

  it('takes the nearest address the proxy did not vouch for, not one the visitor wrote in front of it', async () => {
    const statuses = await elevenTimes(behindProxy.url, (i) => ({ 'X-Forwarded-For': `10.0.0.${i + 1}, 198.51.100.200` }))
    expect(statuses).toEqual([...Array(10).fill(200), 429])
  })
})

describe('through nginx', () => {
  it('refuses a visitor the addresses they claim, in Forwarded or X-Forwarded-For: one connection, one visitor', async () => {
    const statuses = await elevenTimes(nginx.url, (i): Record<string, string> => ({
      Forwarded: `for=198.51.100.${i + 1}`,
      'X-Forwarded-For': `203.0.113.${i + 40}`,
    }))
    expect(statuses).toEqual([...Array(10).fill(200), 429])
  })
})

describe('asking for an unsubscribe link', () => {
  const askForLink = async (siteUrl: string, visitor: string) => {
    const response = await fetch(`${siteUrl}/wire/unsubscribe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': visitor },
      body: new URLSearchParams({ email: `lost-${++counter}-${process.pid}@proxy.example` }),
    })
    await response.arrayBuffer()
    return response.status
  }

  it('limits each visitor behind the proxy on their own (5 in 10 minutes), not everyone together', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push(await askForLink(behindProxy.url, '203.0.113.150'))
    expect(statuses).toEqual([...Array(5).fill(200), 429])
    expect(await askForLink(behindProxy.url, '203.0.113.151')).toBe(200)
  })
})
