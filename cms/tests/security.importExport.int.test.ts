/**
 * The import/export plugin's routes: import is off, so none of its routes answer at all; export is
 * for admins, so every export route refuses the public, writers and editors. Real REST and GraphQL
 * requests (POST /api/imports/preview-data used to parse any upload for anyone).
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { apiClient, signIn } from './helpers/api'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
const tokens: Record<string, string | undefined> = {}

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) tokens[role] = (await signIn(payload, role)).token
})

const CSV = 'email,status\nsomeone@example.org,confirmed\n'
const csvForm = () => {
  const form = new FormData()
  form.append('file', new Blob([CSV], { type: 'text/csv' }), 'list.csv')
  form.append('_payload', JSON.stringify({ collectionSlug: 'subscribers', format: 'csv', fileData: Buffer.from(CSV).toString('base64') }))
  return form
}
const previewBody = { collectionSlug: 'subscribers', format: 'csv', fileData: Buffer.from(CSV).toString('base64') }

type Call = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: () => unknown]
const IMPORT_ROUTES: Call[] = [
  ['POST', '/api/imports/preview-data', () => previewBody],
  ['POST', '/api/imports/preview-data', csvForm],
  ['GET', '/api/imports'],
  ['GET', '/api/imports/1'],
  ['POST', '/api/imports', csvForm],
  ['PATCH', '/api/imports/1', () => ({ status: 'pending' })],
  ['DELETE', '/api/imports/1'],
  ['GET', '/api/imports/file/list.csv'],
  ['GET', '/api/imports/paste-url?src=http://127.0.0.1:1/list.csv'],
  ['GET', '/api/imports/versions'],
]
const EXPORT_ROUTES: Call[] = [
  ['POST', '/api/exports/download', () => ({ data: { collectionSlug: 'subscribers', format: 'csv' } })],
  ['POST', '/api/exports/export-preview', () => ({ collectionSlug: 'subscribers', format: 'csv' })],
  ['GET', '/api/exports'],
  ['GET', '/api/exports/1'],
  ['POST', '/api/exports', () => ({ collectionSlug: 'subscribers', format: 'csv' })],
  ['DELETE', '/api/exports/1'],
  ['GET', '/api/exports/file/subscribers.csv'],
  ['GET', '/api/exports/paste-url?src=http://127.0.0.1:1/list.csv'],
]

describe.each(['admin', 'editor', 'writer', 'public'])('as %s', (who) => {
  it('no import route answers, over REST or GraphQL', async () => {
    for (const [method, path, body] of IMPORT_ROUTES) {
      const response = await api.request(method, path, { token: tokens[who], body: body?.() })
      expect([401, 403, 404], `${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status)
      expect(JSON.stringify(response.body)).not.toContain('someone@example.org')
    }
    const gql = await api.graphql('{ Imports { docs { id } } }', { token: tokens[who] })
    expect(gql.body.errors?.[0]?.message).toMatch(/Cannot query field "Imports"/)
  })
})

describe.each(['editor', 'writer', 'public'])('as %s', (who) => {
  it('every export route refuses', async () => {
    for (const [method, path, body] of EXPORT_ROUTES) {
      const response = await api.request(method, path, { token: tokens[who], body: body?.() })
      expect([401, 403, 404], `${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status)
    }
    expect(await payload.db.count({ collection: 'exports', where: {} })).toMatchObject({ totalDocs: 0 })
  })
})
