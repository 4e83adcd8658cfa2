import type { IncomingMessage, ServerResponse } from 'node:http'

import { acceptSignup, signupAnswer, type SignupEdge, type SignupOutcome } from '../src/newsletter/edge'
import { parseSignupForm, TOO_LARGE, wantsJson } from '../src/newsletter/form'
import type { RequestBody } from './requestBody'

/**
 * POST /wire/signup, answered by the site server itself, without rendering a page or waiting on
 * the CMS: a sign-up is checked and written to the journal (src/newsletter/edge.ts), then the
 * enhanced form gets JSON and a plain form post a redirect to "check your inbox". A plain post
 * that needs the form shown again (bad input, asked again, limited, refused) is handed to
 * `showForm`, which renders the sign-up page with the outcome.
 */
export function signupRoute({ edge, clientAddress }: { edge: SignupEdge; clientAddress: (request: IncomingMessage) => string | undefined }) {
  return async function handle(request: IncomingMessage, body: RequestBody, response: ServerResponse, showForm: (outcome: SignupOutcome) => void) {
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
