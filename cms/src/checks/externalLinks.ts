import { lookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'

import ipaddr from 'ipaddr.js'
import type { Payload } from 'payload'
import { Agent, fetch } from 'undici'

import { siteUrl } from '../config/env'
import { query } from '../db/sql'
import type { LinkCheck } from './rules'

/**
 * External links, checked by the job runner, never by a save: a save queues the addresses not
 * checked in the last day, and the job asks each once (HEAD, or GET where HEAD is refused),
 * following up to five redirects, with a timeout. Addresses that resolve to loopback, private,
 * link-local or other non-public ranges are never fetched (a link check must not become a way
 * to probe the CMS's own network); LINK_CHECK_ALLOWED_ORIGINS lists origins fetched anyway
 * (the tests' own server; an intranet site linked on purpose). Each host name is resolved once,
 * by the check, and the requests to it connect to the addresses that check approved: a name that
 * answers a public address to the check and a private one a moment later (DNS rebinding) gets
 * no request to the private one.
 */
export const LINK_CHECK_TTL_MS = 24 * 3600 * 1000
const TIMEOUT_MS = 8_000
const MAX_REDIRECTS = 5
const BATCH = 25
const CONCURRENCY = 4

const allowedOrigins = () =>
  new Set(
    (process.env.LINK_CHECK_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => URL.parse(origin.trim())?.origin)
      .filter((origin): origin is string => Boolean(origin)),
  )

/** A host name's addresses. The system's resolver, or a test's: one that answers differently each time. */
export type Resolve = (host: string) => Promise<string[]>
const systemResolve: Resolve = async (host) => (await lookup(host, { all: true })).map((found) => found.address)

/** IPv6 ranges ipaddr.js calls unicast that no public server has: IPv4-compatible (::a.b.c.d) and the old site-local. */
const NON_PUBLIC_IPV6 = ['::/96', 'fec0::/10'].map((cidr) => ipaddr.IPv6.parseCIDR(cidr))

/**
 * The addresses a request to this URL may connect to, resolved once; or why it may not be made:
 * the name resolves to a range the public cannot reach (any of its addresses does).
 */
async function checkedAddresses(url: URL, resolve: Resolve): Promise<{ addresses: string[]; refused?: undefined } | { refused: string }> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const addresses = ipaddr.isValid(host) ? [host] : await resolve(host)
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' })
  if (allowedOrigins().has(url.origin)) return { addresses }
  for (const address of addresses) {
    const parsed = ipaddr.process(address)
    const range = parsed.kind() === 'ipv6' && NON_PUBLIC_IPV6.some((cidr) => (parsed as ipaddr.IPv6).match(cidr)) ? 'reserved' : parsed.range()
    if (range !== 'unicast') return { refused: `which is a ${range} address (${address}), not one the public can reach` }
  }
  return { addresses }
}

/**
 * A connection pool whose every connection goes to these addresses, whatever the host name
 * resolves to by then: the name still goes in the Host header and the TLS server name, so
 * virtual hosts and certificates are checked as usual.
 */
function pinnedTo(addresses: string[]): Agent {
  const pinned: LookupFunction = (hostname, options, callback) => {
    const found = addresses.map((address) => ({ address, family: isIP(address) })).filter((found) => !options.family || found.family === options.family)
    if (found.length === 0) return callback(Object.assign(new Error(`no checked address of ${hostname} for IPv${options.family}`), { code: 'ENOTFOUND' }), '')
    if (options.all) return callback(null, found)
    callback(null, found[0]!.address, found[0]!.family)
  }
  return new Agent({ connect: { lookup: pinned } })
}

const ERROR_WORDS: Record<string, string> = {
  ENOTFOUND: 'its host name does not exist',
  EAI_AGAIN: 'its host name could not be looked up',
  ECONNREFUSED: 'the server refused the connection',
  ECONNRESET: 'the server closed the connection',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another name',
}

function failureWords(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${TIMEOUT_MS / 1000} s`
  const code = (error as { code?: string; cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code
  return (code && ERROR_WORDS[code]) || `it could not be reached (${code ?? (error instanceof Error ? error.message : 'unknown error')})`
}

/**
 * Asks one address, following redirects: each hop's host name resolved and checked for public
 * addresses first, and its requests (HEAD, then GET) made to those addresses only.
 */
export async function probeLink(address: string, { resolve = systemResolve }: { resolve?: Resolve } = {}): Promise<Omit<LinkCheck, 'url' | 'checkedAt'>> {
  let url = new URL(address)
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let agent: Agent | undefined
    try {
      const checked = await checkedAddresses(url, resolve)
      if (checked.refused !== undefined) return { state: 'refused', detail: checked.refused }
      const dispatcher = (agent = pinnedTo(checked.addresses))
      const ask = (method: 'HEAD' | 'GET') =>
        fetch(url, {
          method,
          redirect: 'manual',
          dispatcher,
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: { 'User-Agent': `link-check (+${siteUrl()})` },
        })
      let response = await ask('HEAD')
      if ([403, 405, 501].includes(response.status)) {
        await response.body?.cancel()
        response = await ask('GET')
      }
      await response.body?.cancel()
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url)
        continue
      }
      return response.status < 400 ? { state: 'ok', detail: `answered ${response.status}` } : { state: 'failed', detail: `it answered ${response.status}` }
    } catch (error) {
      return { state: 'failed', detail: failureWords(error) }
    } finally {
      await agent?.destroy()
    }
  }
  return { state: 'failed', detail: `it redirects more than ${MAX_REDIRECTS} times` }
}

/** What the last checks of these addresses found (those checked at least once). */
export async function readLinkChecks(payload: Payload, urls: string[]): Promise<Map<string, LinkCheck>> {
  if (urls.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'link-checks',
    where: { url: { in: urls }, state: { in: ['ok', 'failed', 'refused'] } },
    depth: 0,
    pagination: false,
  })
  return new Map(docs.map((doc) => [doc.url, { url: doc.url, state: doc.state as LinkCheck['state'], detail: doc.detail, checkedAt: doc.checkedAt }]))
}

/**
 * Queues the addresses not checked in the last day (and not queued already), and a job to check
 * them. Returns the addresses queued.
 */
export async function queueLinkChecks(payload: Payload, urls: string[]): Promise<string[]> {
  if (urls.length === 0) return []
  const queued = await query<{ url: string }>(
    payload,
    `INSERT INTO link_checks (url, state, updated_at, created_at)
       SELECT DISTINCT unnest($1::text[]), 'queued'::enum_link_checks_state, now(), now()
     ON CONFLICT (url) DO UPDATE SET state = 'queued'::enum_link_checks_state, updated_at = now()
       WHERE link_checks.state NOT IN ('queued', 'checking') AND (link_checks.checked_at IS NULL OR link_checks.checked_at < now() - $2::interval)
     RETURNING url`,
    [urls, `${LINK_CHECK_TTL_MS / 1000} seconds`],
  )
  if (queued.length > 0) await payload.jobs.queue({ task: 'checkExternalLinks', input: {} })
  return queued.map((row) => row.url)
}

/**
 * Claims queued addresses for this runner (several job runners may run at once; an address
 * claimed by one that stopped is claimed again after ten minutes).
 */
const claimQueued = (payload: Payload) =>
  query<{ id: number; url: string }>(
    payload,
    `UPDATE link_checks SET state = 'checking'::enum_link_checks_state, updated_at = now()
     WHERE id IN (SELECT id FROM link_checks
                  WHERE state = 'queued' OR (state = 'checking' AND updated_at < now() - interval '10 minutes')
                  ORDER BY updated_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING id, url`,
    [BATCH],
  )

/** Queues again every address last checked more than a day ago, for the daily re-check of published links. */
export async function requeueStaleLinks(payload: Payload): Promise<number> {
  const requeued = await query<{ id: number }>(
    payload,
    `UPDATE link_checks SET state = 'queued'::enum_link_checks_state, updated_at = now()
     WHERE state IN ('ok', 'failed', 'refused') AND checked_at < now() - $1::interval RETURNING id`,
    [`${LINK_CHECK_TTL_MS / 1000} seconds`],
  )
  return requeued.length
}

/** Checks the queued addresses, a few at a time; returns those checked. */
export async function checkQueuedLinks(payload: Payload): Promise<string[]> {
  const checked: string[] = []
  for (let claimed = await claimQueued(payload); claimed.length > 0; claimed = await claimQueued(payload)) {
    for (let start = 0; start < claimed.length; start += CONCURRENCY) {
      await Promise.all(
        claimed.slice(start, start + CONCURRENCY).map(async ({ id, url }) => {
          const result = await probeLink(url)
          await payload.update({ collection: 'link-checks', id, data: { ...result, checkedAt: new Date().toISOString() }, depth: 0 })
          checked.push(url)
        }),
      )
    }
  }
  return checked
}

export const CHECK_LINKS_TASK = 'checkExternalLinks'
