/**
 * The production site server (`pnpm --filter web start`; bundled into dist-server/server.mjs by
 * `pnpm --filter web build:server`). It serves the live build in SITE_DIST: static files
 * (precompressed, cached by kind), the on-demand routes through Astro, and sign-ups itself, at
 * the edge: written to its journal in SITE_DATA_DIR (in a thread of its own: server/journalThread.ts)
 * and handed to the CMS in the background.
 * A real web server in front (nginx, see deploy/) may serve the static files instead.
 *
 *   SITE_DIST=… HOST=0.0.0.0 PORT=4321 CMS_URL=… SITE_URL=… NEWSLETTER_SITE_TOKEN=… node dist-server/server.mjs
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import path from 'node:path'

import { journalFile, siteServerToken, siteUrl } from '../src/cms/siteServer'
import { createSignupEdge } from '../src/newsletter/edge'
import { MAX_BODY_BYTES } from '../src/newsletter/form'
import { clientAddressResolver } from './clientAddress'
import { securityHeaders } from './headers'
import { startJournalWriter } from './journalWriter'
import { liveBuild, type ServerLocals } from './liveBuild'
import { readRequestBody } from './requestBody'
import { signupRoute } from './signup'

process.env.ASTRO_NODE_AUTOSTART = 'disabled'
// Fail-closed: production refuses to start without the real shared secret.
siteServerToken()

const dist = path.resolve(process.env.SITE_DIST || 'dist')
const current = liveBuild(dist)
// Fail-closed: a live build whose server bundle cannot load stops the start.
await current().ready

// The journal and its forwarder run in a thread of their own (bundled beside this file), so that
// waiting for the disk never holds up a request.
const journal = await startJournalWriter(journalFile(), new URL('./journalThread.mjs', import.meta.url))
const clientAddress = clientAddressResolver()
const signup = signupRoute({ edge: createSignupEdge(journal), clientAddress })
const withSecurityHeaders = securityHeaders(new URL(siteUrl()))

/** What a URL may not carry: percent-encoding that is not UTF-8 (decodeURI throws), or a NUL. */
const unusableUrl = (url: string) => {
  try {
    return decodeURI(url).includes('\0')
  } catch {
    return true
  }
}

const plain = (response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  response.end(text)
}

/** A request that failed on our side: logged, and answered 500; an answer already under way is cut off, not given a tail. */
function failed(request: IncomingMessage, response: ServerResponse, error: unknown) {
  console.error(`Site server: ${request.method} ${request.url} failed:`, error)
  if (response.headersSent) return void response.destroy()
  response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end('Something went wrong on our side. Please try again in a moment.')
}

const server = createServer(async (request, response) => {
  withSecurityHeaders(response)
  try {
    const url = request.url ?? '/'
    // Every body is read before anything answers (a small one: the site's forms are small), so no
    // input, however large or odd, gets a reset connection instead of an answer.
    const body = await readRequestBody(request, MAX_BODY_BYTES)
    const closing = body.closeAfter ? { Connection: 'close' } : undefined
    const isSignup = request.method === 'POST' && url.split('?')[0] === '/wire/signup'
    // A sign-up too large is shown its form again, with the message; anything else, plainly.
    if (body.tooLarge && !isSignup) return plain(response, 413, 'Too large: this site takes nothing this big.', closing)
    if (unusableUrl(url)) return plain(response, 400, 'Bad request: the address is not valid.', closing)
    const build = current()
    // Every on-demand route gets the visitor's address as resolved here: Astro's own is the proxy's.
    const astro = (locals: ServerLocals = {}) =>
      void build
        .astro(request, response, undefined, { clientAddress: clientAddress(request), ...locals })
        .catch((error: unknown) => failed(request, response, error))
    // Astro reads a body it is handed instead of the (already read) stream.
    Object.assign(request, { body: body.bytes })
    if (isSignup) {
      // A build whose server bundle cannot load could not answer a sign-up: it is refused before it is taken.
      await build.ready
      await signup(request, body, response, (outcome) => astro({ signupOutcome: outcome }))
      return
    }
    build.files(request, response, () => astro())
  } catch (error) {
    failed(request, response, error)
  }
})

const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 4321)
server.listen(port, host, () => console.log(`Site: serving ${dist} on http://${host}:${port}; sign-ups journaled in ${journal.file}`))

/** How long requests under way get to be answered on shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000

// On shutdown, requests under way are answered first (a sign-up written gets its "done"), then the
// journal's thread writes what it was asked and closes the journal.
let shuttingDown = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (shuttingDown) return
    shuttingDown = true
    server.close(() => void journal.stop().then(() => process.exit(0)))
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref()
  })
}
