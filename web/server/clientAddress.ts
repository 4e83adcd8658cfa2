import type { IncomingMessage } from 'node:http'

import proxyaddr from 'proxy-addr'

/**
 * The visitor's address. Behind a reverse proxy every connection comes from the proxy, so the
 * address it forwards in X-Forwarded-For is used, but only when the connection comes from a proxy
 * the operator declared in TRUSTED_PROXIES (addresses, CIDR ranges, or `loopback`, `linklocal`,
 * `uniquelocal`): anyone else could write any address there. Hops are read from the nearest back,
 * skipping trusted proxies. No other header counts: the proxy in front (nginx, web/nginx/) sets
 * X-Forwarded-For itself, while a header it does not set, such as `Forwarded`, is whatever the
 * visitor wrote. Without TRUSTED_PROXIES, the connection's own address.
 */
export function clientAddressResolver(trustedProxies = process.env.TRUSTED_PROXIES ?? '') {
  const list = trustedProxies
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const trust = list.length > 0 ? proxyaddr.compile(list) : () => false
  return (request: IncomingMessage): string | undefined => (request.socket.remoteAddress ? proxyaddr(request, trust) : undefined)
}
