/**
 * One guard in front of every CMS route (Payload's REST and GraphQL handlers, see handlers.ts):
 * input that PostgreSQL or Payload cannot take is refused with a 4xx before it reaches them,
 * instead of surfacing as a 500 deep inside. PostgreSQL refuses NUL in text, so a NUL in a
 * sign-in email failed the query; Payload parses a multipart `_payload` and percent-decodes
 * paths without catching errors, and some of its query operators crash on this database.
 */
import Busboy from 'busboy'
import { GraphQLObjectType, GraphQLSchema, GraphQLString, NoFragmentCyclesRule, parse, validate } from 'graphql'

/** JSON and other text bodies: far more than any document the admin saves. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024
/** File uploads (multipart): Payload's own limit for a whole upload request. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

const NUL = '\u0000'
// A NUL written as an escape in GraphQL source text (a string literal in the query itself).
const GRAPHQL_NUL_ESCAPE = /\\u(?:0000|\{0+\})/i
/**
 * `where` operators Payload accepts but its PostgreSQL adapter cannot run here, answering them
 * with a TypeError (500): `all` is not implemented, and the geographic ones work on point fields
 * only, of which this CMS has none.
 */
const UNSUPPORTED_OPERATORS = /\[(all|near|within|intersects)\]/

type Status = 400 | 404 | 413 | 415
const refuse = (status: Status, message: string) => Response.json({ errors: [{ message }] }, { status, headers: { 'Cache-Control': 'no-store' } })

type Problem = { status: Status; message: string } | undefined
const badRequest = (message: string): Problem => ({ status: 400, message })

/** Percent-decodes a URL component, or says why it cannot be used. */
function decodeComponent(raw: string, what: string): { value?: string; problem?: Problem } {
  let value: string
  try {
    value = decodeURIComponent(raw.replaceAll('+', ' '))
  } catch {
    return { problem: badRequest(`The ${what} is not valid percent-encoded UTF-8.`) }
  }
  return value.includes(NUL) ? { problem: badRequest(`The ${what} contains a NUL character.`) } : { value }
}

function checkPath(pathname: string): Problem {
  for (const segment of pathname.split('/')) {
    const { problem } = decodeComponent(segment, 'address')
    if (problem) return problem
  }
  return undefined
}

/** A query string, in the URL or as a form body (Payload takes long queries as POST bodies too). */
function checkQuery(query: string, what: string): Problem {
  for (const pair of query.split('&')) {
    const [rawName = '', ...rawValue] = pair.split('=')
    const name = decodeComponent(rawName, what)
    const value = decodeComponent(rawValue.join('='), what)
    if (name.problem ?? value.problem) return name.problem ?? value.problem
    const operator = UNSUPPORTED_OPERATORS.exec(name.value ?? '')?.[1]
    if (operator) return badRequest(`The "${operator}" operator is not supported in queries to this CMS.`)
  }
  return undefined
}

/**
 * Every string (keys included) in a parsed JSON value, without recursion (nesting may be deep).
 * Array elements are pushed one by one: spread into one call, an array of a few hundred thousand
 * overflows the call stack.
 */
function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const item = pending.pop()
    if (typeof item === 'string') {
      if (item.includes(NUL)) return true
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element)
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes(NUL)) return true
        pending.push(child)
      }
    }
  }
  return false
}

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

// graphql-js's own rule against fragments that spread themselves, which otherwise send Payload's
// query-complexity check into endless recursion. It needs a schema, though it looks at none.
const anySchema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }) })

/** A GraphQL request: no NUL escapes in its query text, no cyclic fragments. */
function checkGraphql(parsed: unknown): Problem {
  for (const operation of Array.isArray(parsed) ? parsed : [parsed]) {
    const query = operation && typeof operation === 'object' && 'query' in operation ? operation.query : undefined
    if (typeof query !== 'string') continue
    if (GRAPHQL_NUL_ESCAPE.test(query)) return badRequest('The query contains a NUL character.')
    let document: ReturnType<typeof parse>
    try {
      document = parse(query)
    } catch {
      // Syntax errors are answered by the GraphQL handler itself.
      continue
    }
    const [cycle] = validate(anySchema, document, [NoFragmentCyclesRule])
    if (cycle) return badRequest(cycle.message)
  }
  return undefined
}

function checkText(text: string, contentType: string, { graphql }: { graphql: boolean }): Problem {
  if (text.includes(NUL)) return badRequest('The request body contains a NUL character.')
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return checkQuery(text, 'form')
  const json = /json/i.test(contentType)
  // Payload reads an empty JSON body as {}.
  if (!text.trim()) return undefined
  const parsed = parseJson(text)
  if (!parsed.ok) return json ? badRequest('The request body is not valid JSON.') : undefined
  if (containsNul(parsed.value)) return badRequest('The request contains a NUL character.')
  // Payload takes a JSON body for a document's fields and fails on `true`, `3` or `"text"`.
  if (json && (typeof parsed.value !== 'object' || parsed.value === null)) return badRequest('Send a JSON object.')
  // GraphQL takes a batch of operations as an array; no REST route takes one.
  if (graphql) return checkGraphql(parsed.value)
  return json && Array.isArray(parsed.value) ? badRequest('Send a JSON object, not an array.') : undefined
}

// What Payload's upload parser accepts (payload/dist/uploads/fetchAPI-multipart/isEligibleRequest),
// anything else it answers with a 500.
const UPLOAD_METHODS = new Set(['POST', 'PATCH', 'PUT'])
const UPLOAD_CONTENT_TYPE = /multipart\/[\w'"()+,./:<=>?@[\\\]^-]+(?:; ?[\w'"()+,./:<=>?@[\\\]^-]*)+$/i

/**
 * A multipart body, read with the parser Payload uses (busboy, with its options), so that what
 * passes here also parses there: its fields without NUL, `_payload` as JSON.
 */
function checkMultipart(body: Uint8Array<ArrayBuffer>, contentType: string, method: string): Promise<Problem> {
  const malformed = badRequest('The request body is not valid multipart form data.')
  if (!UPLOAD_METHODS.has(method) || !contentType.includes('boundary=') || !UPLOAD_CONTENT_TYPE.test(contentType)) {
    return Promise.resolve(badRequest('Send uploads as multipart/form-data with a boundary, by POST, PATCH or PUT.'))
  }
  return new Promise((resolve) => {
    let problem: Problem
    let parser: Busboy.Busboy
    try {
      parser = Busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' })
    } catch {
      resolve(malformed)
      return
    }
    parser.on('field', (name, value) => {
      if (name.includes(NUL)) problem ??= badRequest('The form contains a NUL character.')
      // Payload reads the document's fields from `_payload` as JSON.
      problem ??= checkText(value, name === '_payload' ? 'application/json' : '', { graphql: false })
    })
    parser.on('file', (name, file, { filename }) => {
      if (name.includes(NUL) || filename?.includes(NUL)) problem ??= badRequest('A file name contains a NUL character.')
      file.resume()
    })
    parser.on('error', () => resolve(malformed))
    parser.on('close', () => resolve(problem))
    parser.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength))
  })
}

/** How much of a refused body is read and dropped, so that the client gets the answer. */
const DRAIN_BYTES = 2 * MAX_UPLOAD_BYTES

/**
 * Reads a body: its bytes if there are at most `limit`, else null. A longer body is read on and
 * dropped (up to DRAIN_BYTES): answering while a client still sends leaves the connection to be
 * reset, and the client, or the next request on that connection, sees no answer at all.
 */
async function readAtMost(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size <= limit) chunks.push(value)
    else if (size > DRAIN_BYTES) {
      await reader.cancel()
      break
    }
  }
  if (size > limit) return null
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

async function checkBody(request: Request, { graphql }: { graphql: boolean }): Promise<{ problem?: Problem; body?: Uint8Array<ArrayBuffer> }> {
  const contentType = request.headers.get('content-type') ?? ''
  // GraphQL over HTTP is JSON; Payload would parse anything else as an upload first, and fail.
  if (graphql && !/^application\/json(;|$)/i.test(contentType)) {
    return { problem: { status: 415, message: 'Send GraphQL requests as application/json.' } }
  }
  // As Payload decides whether to parse a body as an upload.
  const multipart = /multipart\//i.test(contentType.split(';', 1)[0] ?? '')
  const limit = multipart ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES
  const tooLarge: Problem = { status: 413, message: `The request body is larger than ${limit / 1024 / 1024} MB.` }
  const body = await readAtMost(request.body!, limit)
  if (!body) return { problem: tooLarge }
  if (multipart) return { problem: await checkMultipart(body, contentType, request.method), body }
  let text: string
  try {
    text = utf8.decode(body)
  } catch {
    return { problem: badRequest('The request body is not valid UTF-8.') }
  }
  return { problem: checkText(text, contentType, { graphql }), body }
}

/**
 * Wraps a route handler: checks the URL and the body, and passes the request on (with its body
 * read once, here) only when they are usable.
 */
export function refuseHostileInput<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
  { graphql = false } = {},
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const url = new URL(request.url)
    const urlProblem = checkPath(url.pathname) ?? checkQuery(url.search.slice(1), 'query string')
    if (urlProblem) {
      if (request.body) await readAtMost(request.body, 0)
      return refuse(urlProblem.status, urlProblem.message)
    }

    let forwarded = request
    if (request.body) {
      const { problem, body } = await checkBody(request, { graphql })
      if (problem) return refuse(problem.status, problem.message)
      forwarded = new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal })
    }
    const response = await handler(forwarded, ...rest)
    // Payload answers 501 for the routes of a collection without endpoints (its migrations):
    // to a client they do not exist.
    return response.status === 501 ? refuse(404, 'Not Found') : response
  }
}
