import type { Payload, SanitizedConfig } from 'payload'

import { graphqlHandler as guardedGraphql, restHandlers } from '../../src/http/handlers'

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
export type ApiResponse = { status: number; body: any; headers: Headers }

/**
 * Calls the CMS's real REST and GraphQL route handlers (the ones Next.js serves under /api, with
 * their hostile-input guard) with real Request objects: same routing, auth, access control and
 * status codes as over HTTP.
 */
export function apiClient(config: SanitizedConfig) {
  const rest = restHandlers(config)
  const graphqlHandler = guardedGraphql(config)

  const headersFor = (token?: string, json = false) => {
    const headers = new Headers()
    if (token) headers.set('Authorization', `JWT ${token}`)
    if (json) headers.set('Content-Type', 'application/json')
    return headers
  }

  type RequestOptions = { token?: string; body?: unknown; headers?: Record<string, string> }

  /** The handler's Response as it comes, its body unread (to read a stream as a client would). */
  async function respond(method: Method, path: string, { token, body, headers }: RequestOptions = {}): Promise<Response> {
    const url = new URL(path, 'http://localhost:3000')
    if (!url.pathname.startsWith('/api/')) throw new Error(`API paths start with /api/: ${path}`)
    const slug = url.pathname.slice('/api/'.length).split('/').map(decodeURIComponent)
    const isForm = body instanceof FormData
    const allHeaders = headersFor(token, body !== undefined && !isForm)
    for (const [name, value] of Object.entries(headers ?? {})) allHeaders.set(name, value)
    return rest[method](
      new Request(url, {
        method,
        headers: allHeaders,
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      }),
      { params: Promise.resolve({ slug }) },
    )
  }

  async function request(method: Method, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const response = await respond(method, path, options)
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers }
  }

  async function graphql(
    query: string,
    { token, variables, headers }: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const allHeaders = headersFor(token, true)
    for (const [name, value] of Object.entries(headers ?? {})) allHeaders.set(name, value)
    const response = await graphqlHandler(
      new Request('http://localhost:3000/api/graphql', { method: 'POST', headers: allHeaders, body: JSON.stringify({ query, variables }) }),
    )
    return { status: response.status, body: await response.json(), headers: response.headers }
  }

  return { request, respond, graphql }
}

/** Creates an account with the given role and returns a token for it. */
export async function signIn(payload: Payload, role: 'admin' | 'editor' | 'writer', email = `${role}@test.example`) {
  const password = `pw-${role}-0123456789`
  const existing = await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1 })
  const user = existing.docs[0] ?? (await payload.create({ collection: 'users', data: { email, password, name: role, role } }))
  const { token } = await payload.login({ collection: 'users', data: { email, password } })
  return { user, token: token! }
}
