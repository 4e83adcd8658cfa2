import { randomUUID } from 'node:crypto'
import { subscribe } from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'

import proxyaddr from 'proxy-addr'

/**
 * The visitor's address as the CMS's own HTTP server takes it: the connection's, unless the
 * connection comes from a proxy in TRUSTED_PROXIES (addresses, CIDR ranges, or `loopback`,
 * `linklocal`, `uniquelocal`; as the site server reads it, web/server/clientAddress.ts), whose
 * X-Forwarded-For is then read from the nearest hop back, skipping trusted proxies. Anyone else
 * could write any address there.
 */
export function clientAddressResolver(trustedProxies = process.env.TRUSTED_PROXIES ?? '') {
  const list = trustedProxies
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  let trust: (address: string, hop: number) => boolean = () => false
  try {
    if (list.length > 0) trust = proxyaddr.compile(list)
  } catch (error) {
    throw new Error(
      `TRUSTED_PROXIES is not usable (${error instanceof Error ? error.message : String(error)}): give addresses or CIDR ranges, ` +
        'or loopback, linklocal, uniquelocal, separated by commas.',
      { cause: error },
    )
  }
  return (request: IncomingMessage): string | undefined => (request.socket.remoteAddress ? proxyaddr(request, trust) : undefined)
}

/** Where the server writes each request's client address, behind this process's stamp. */
const CLIENT_ADDRESS_HEADER = 'x-cms-client-address'
const STAMP = Symbol.for('cms.clientAddressStamp')

/**
 * A secret of this process (kept on globalThis: Next.js loads instrumentation.ts and the routes as
 * separate bundles). A request that came in before the stamping began, while the CMS was starting,
 * carries that header only as its sender wrote it, without the stamp, and counts as no address.
 */
const processStamp = (): string => ((globalThis as Record<symbol, string | undefined>)[STAMP] ??= randomUUID())

/**
 * Writes each request's client address into it as the HTTP server takes it, before Next.js sees
 * it: route handlers get no connection address from Next.js, which only fills X-Forwarded-For in
 * when a request has none, so a client's own would reach them as it wrote it. Node publishes every
 * request on this channel before its handler runs. Called once, at start (instrumentation.ts).
 */
export function stampClientAddresses(resolve = clientAddressResolver()) {
  const stamp = processStamp()
  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage }
    request.headers[CLIENT_ADDRESS_HEADER] = `${stamp} ${resolve(request) ?? ''}`
  })
}

/** The header an in-process request carries to come from `address`, as the server would stamp it (tests). */
export const receivedFrom = (address: string): Record<string, string> => ({ [CLIENT_ADDRESS_HEADER]: `${processStamp()} ${address}` })

/** The client's address, as the server stamped it; undefined for requests made in-process and any it could not stamp. */
export function clientIp(headers: Headers): string | undefined {
  const [stamp, address] = headers.get(CLIENT_ADDRESS_HEADER)?.split(' ') ?? []
  return stamp === processStamp() && address ? address : undefined
}
