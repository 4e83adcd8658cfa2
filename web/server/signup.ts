import type { IncomingMessage, ServerResponse } from 'node:http'

import { acceptSignup, signupAnswer, type SignupEdge, type SignupOutcome } from '../src/newsletter/edge'
import { MAX_BODY_BYTES, parseSignupForm, TOO_LARGE, wantsJson } from '../src/newsletter/form'

/** A body past this is not read further: the connection is closed after the answer. */
const MAX_DRAIN_BYTES = 1024 * 1024

/**
 * Reads a request body of at most `limit` bytes. A larger one is read to its end (up to
 * MAX_DRAIN_BYTES) and discarded, so that the client is not cut off while still sending.
 */
function readBody(request: IncomingMessage, limit: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; tooLarge: boolean; closeAfter: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > MAX_DRAIN_BYTES) {
        request.pause()
        resolve({ bytes: new Uint8Array(), tooLarge: true, closeAfter: true })
      }
    })
    request.on('end', () => resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), tooLarge: size > limit, closeAfter: false }))
    request.on('error', reject)
  })
}

/**
 * POST /wire/signup, answered by the site server itself, without rendering a page or waiting on
 * the CMS: a sign-up is checked and written to the journal (src/newsletter/edge.ts), then the
 * enhanced form gets JSON and a plain form post a redirect to "check your inbox". A plain post
 * that needs the form shown again (bad input, asked again, limited, refused) is handed to
 * `showForm`, which renders the sign-up page with the outcome.
 */
export function signupRoute({ edge, clientAddress }: { edge: SignupEdge; clientAddress: (request: IncomingMessage) => string | undefined }) {
  return async function handle(request: IncomingMessage, response: ServerResponse, showForm: (outcome: SignupOutcome) => void) {
    const body = await readBody(request, MAX_BODY_BYTES)
    const form = body.tooLarge ? TOO_LARGE : await parseSignupForm(request.headers['content-type'] ?? '', body.bytes)
    const outcome = await acceptSignup(form, { clientAddress: clientAddress(request), edge })
    const answer = signupAnswer(outcome)
    const headers = { ...answer.headers, ...(body.closeAfter && { Connection: 'close' }) }
    if (wantsJson(request.headers.accept)) {
      response.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json' })
      response.end(JSON.stringify(answer.json))
    } else if (outcome.kind === 'accepted') {
      response.writeHead(303, { ...headers, Location: '/wire/check-your-inbox' })
      response.end()
    } else {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
      showForm(outcome)
    }
  }
}
