/**
 * The production site server: Astro's standalone handler (static files and on-demand routes) with
 * the security headers every response needs. Serves the build in SITE_DIST (default ./dist).
 * SITE_DIST may be a symlink that publishing repoints at each new build: every request is served
 * by the build it points to at that moment, whole, old or new, never a mix.
 *
 *   HOST=0.0.0.0 PORT=4321 CMS_URL=... SITE_URL=... node server.mjs
 */
import { realpathSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

process.env.ASTRO_NODE_AUTOSTART = 'disabled'
const dist = path.resolve(process.env.SITE_DIST || 'dist')

/** Each build's own handler, loaded once per build folder. */
const handlers = new Map()
function handlerFor(buildDir) {
  if (!handlers.has(buildDir)) {
    handlers.set(buildDir, import(pathToFileURL(path.join(buildDir, 'server', 'entry.mjs')).href).then((m) => m.handler))
  }
  return handlers.get(buildDir)
}
await handlerFor(realpathSync(dist))

const siteUrl = new URL(process.env.SITE_URL || 'http://localhost:4321')
// The admin as browsers reach it (CMS_URL may be an internal address, e.g. in docker compose).
const cmsOrigin = new URL(process.env.CMS_PUBLIC_URL || process.env.CMS_URL || 'http://localhost:3000').origin

// Script and style sources are in each page's own policy from Astro (a <meta> on static pages,
// a header on on-demand ones); these are the directives a <meta> cannot carry, above all who may
// frame the site: the admin's live preview.
const framing = `frame-ancestors ${cmsOrigin}`
const headers = {
  'Content-Security-Policy': `${framing}; object-src 'none'; base-uri 'self'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  ...(siteUrl.protocol === 'https:' && { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }),
}

/** On-demand pages bring Astro's own policy header (with the other directives): add framing. */
function mergePolicies(response) {
  const writeHead = response.writeHead.bind(response)
  response.writeHead = (status, ...rest) => {
    const fields = rest.find((arg) => arg && typeof arg === 'object')
    const key = fields && Object.keys(fields).find((name) => name.toLowerCase() === 'content-security-policy')
    if (key) fields[key] = `${fields[key]}; ${framing}`
    return writeHead(status, ...rest)
  }
}

const server = createServer(async (request, response) => {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
  mergePolicies(response)
  const handler = await handlerFor(realpathSync(dist))
  handler(request, response)
})
const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 4321)
server.listen(port, host, () => console.log(`Site: serving ${path.relative(process.cwd(), dist) || '.'} on http://${host}:${port}`))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
