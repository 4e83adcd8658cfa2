/**
 * The production site server (`pnpm --filter web start`; bundled into dist-server/server.mjs by
 * `pnpm --filter web build:server`). It serves the live build in SITE_DIST: static files
 * (precompressed, cached by kind), the on-demand routes through Astro, and sign-ups itself, at
 * the edge: written to its journal in SITE_DATA_DIR and handed to the CMS in the background.
 * A real web server in front (nginx, see deploy/) may serve the static files instead.
 *
 *   SITE_DIST=… HOST=0.0.0.0 PORT=4321 CMS_URL=… SITE_URL=… NEWSLETTER_SITE_TOKEN=… node dist-server/server.mjs
 */
import { createServer } from 'node:http'
import path from 'node:path'

import { journalFile, siteServerToken } from '../src/cms/siteServer'
import { createSignupEdge } from '../src/newsletter/edge'
import { startForwarder } from '../src/newsletter/forwarder'
import { SignupJournal } from '../src/newsletter/journal'
import { clientAddressResolver } from './clientAddress'
import { securityHeaders } from './headers'
import { liveBuild } from './liveBuild'
import { signupRoute } from './signup'

process.env.ASTRO_NODE_AUTOSTART = 'disabled'
// Fail-closed: production refuses to start without the real shared secret.
siteServerToken()

const dist = path.resolve(process.env.SITE_DIST || 'dist')
const current = liveBuild(dist)
await current()

const journal = new SignupJournal(journalFile())
const forwarder = startForwarder(journal)
const signup = signupRoute({ edge: createSignupEdge(journal), clientAddress: clientAddressResolver() })
const withSecurityHeaders = securityHeaders(new URL(process.env.SITE_URL || 'http://localhost:4321'))

const server = createServer(async (request, response) => {
  withSecurityHeaders(response)
  try {
    const url = request.url ?? '/'
    decodeURI(url)
    const build = await current()
    if (request.method === 'POST' && url.split('?')[0] === '/wire/signup') {
      await signup(request, response, (outcome) => void build.astro(request, response, undefined, { signupOutcome: outcome }))
      return
    }
    build.files(request, response, () => void build.astro(request, response))
  } catch (error) {
    if (error instanceof URIError) {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end('Bad request: the address is not valid.')
      return
    }
    console.error(`Site server: ${request.method} ${request.url} failed:`, error)
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
    response.end('Something went wrong on our side. Please try again in a moment.')
  }
})

const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 4321)
server.listen(port, host, () => console.log(`Site: serving ${dist} on http://${host}:${port}; sign-ups journaled in ${journal.file}`))

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close()
    server.closeIdleConnections()
    void forwarder.stop().then(() => {
      journal.close()
      process.exit(0)
    })
  })
}
