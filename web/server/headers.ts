import type { ServerResponse } from 'node:http'

import { cmsPublicOrigin } from '../src/cms/siteServer'

/**
 * The headers every response of the site carries, 404s included. Script and style sources are in
 * each page's own policy from Astro (a <meta> on static pages, a header on on-demand ones); these
 * are the directives a <meta> cannot carry, above all who may frame the site: the admin's live
 * preview (CMS_PUBLIC_URL, else CMS_URL).
 */
export function securityHeaders(siteUrl: URL) {
  const framing = `frame-ancestors ${cmsPublicOrigin()}`
  const headers: Record<string, string> = {
    'Content-Security-Policy': `${framing}; object-src 'none'; base-uri 'self'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    ...(siteUrl.protocol === 'https:' && { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }),
  }

  /** Sets them on a response; an on-demand page's own policy (from Astro) gets the framing rule added. */
  return function apply(response: ServerResponse) {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse
    response.writeHead = ((status: number, ...rest: unknown[]) => {
      const fields = rest.find((arg): arg is Record<string, unknown> => Boolean(arg) && typeof arg === 'object' && !Array.isArray(arg))
      const key = fields && Object.keys(fields).find((name) => name.toLowerCase() === 'content-security-policy')
      if (fields && key) fields[key] = `${String(fields[key])}; ${framing}`
      return writeHead(status, ...rest)
    }) as ServerResponse['writeHead']
  }
}
