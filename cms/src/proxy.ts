import { NextResponse, type NextRequest } from 'next/server'

import { cmsUrl } from './config/env'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/**
 * The admin only at its configured address (CMS_URL). Opened at another one (127.0.0.1 where
 * CMS_URL says localhost, or a second host name for the same server), sign-in and browsing worked,
 * but the admin's own API calls came from an origin Payload does not trust (its serverURL): creating
 * a staff account said "You are not allowed to perform this action", a writer's autosave was lost,
 * "Ask for review" said the CMS could not be reached, and the checks panel was blocked. Each admin
 * page opened elsewhere sends the browser to the same page at CMS_URL, before anyone types anything.
 *
 * A page that moves on at once (and links there), not a 307: Next.js takes 127.0.0.1 and localhost
 * for one host and rewrites such a redirect's Location to a relative one, which would loop.
 * (Verified against Next.js 16.4.) A reverse proxy in front must pass the visitor's Host (Caddy does;
 * nginx: `proxy_set_header Host $host`) or X-Forwarded-Host, or every admin page would move on again.
 */
export function proxy(request: NextRequest) {
  const configured = new URL(cmsUrl())
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  if (!host || host.toLowerCase() === configured.host) return NextResponse.next()
  const target = escapeHtml(new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, configured).href)
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>The admin is at another address</title><p>This admin is at <a href="${target}">${target}</a>; taking you there.</p></html>`
  return new NextResponse(page, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
}

export const config = { matcher: ['/admin', '/admin/:path*'] }
