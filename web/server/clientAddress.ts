import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

import parseForwarded from 'forwarded-parse'
import proxyaddr from 'proxy-addr'

/** A Forwarded header's `for=` value as a plain address: `"[2001:db8::1]:4711"` → `2001:db8::1`. */
function addressOf(node: string): string | undefined {
  const bare = node.startsWith('[') ? node.slice(1, node.indexOf(']')) : node.replace(/:\d+$/, '')
  return isIP(bare) ? bare : undefined
}

/**
 * The visitor's address. Behind a reverse proxy every connection comes from the proxy, so the
 * address it forwards (X-Forwarded-For, or the standard Forwarded header, which wins) is used,
 * but only when the connection comes from a proxy the operator declared in TRUSTED_PROXIES
 * (addresses, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`): anyone else could write
 * any address there. Hops are read from the nearest back, skipping trusted proxies. Without
 * TRUSTED_PROXIES, the connection's own address.
 */
export function clientAddressResolver(trustedProxies = process.env.TRUSTED_PROXIES ?? '') {
  const list = trustedProxies
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const trust = list.length > 0 ? proxyaddr.compile(list) : () => false
  return (request: IncomingMessage): string | undefined => {
    const peer = request.socket.remoteAddress
    if (!peer || !trust(peer, 0)) return peer
    let forwardedFor = request.headers['x-forwarded-for']
    if (request.headers.forwarded) {
      try {
        forwardedFor = parseForwarded(request.headers.forwarded)
          .map((element) => (element.for ? addressOf(element.for) : undefined))
          .filter((address): address is string => Boolean(address))
          .join(', ')
      } catch {
        return peer
      }
    }
    // proxy-addr reads the hops from a request's X-Forwarded-For and its connection's address.
    const hops = { headers: { 'x-forwarded-for': forwardedFor }, connection: { remoteAddress: peer }, socket: { remoteAddress: peer } }
    return proxyaddr(hops as unknown as IncomingMessage, trust)
  }
}
