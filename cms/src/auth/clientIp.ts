/**
 * The client's address as the proxy in front of the CMS saw it: the last X-Forwarded-For entry
 * (a proxy appends or replaces it; Next.js sets it to the socket's address when nothing did).
 * Trustworthy only behind that proxy, which is why the CMS listens on 127.0.0.1 in production
 * (docs/deploy.md). Undefined for requests made in-process.
 */
export function clientIp(headers: Headers): string | undefined {
  return headers
    .get('x-forwarded-for')
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .at(-1)
}
