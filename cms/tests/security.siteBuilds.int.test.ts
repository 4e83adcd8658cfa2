/**
 * Site-build records are an audit trail (what was built, when, for whom, how it went): "Rebuild
 * now" creates one, but nothing an API caller sends is recorded except the request itself.
 * Real REST and GraphQL requests.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { User } from '../src/payload-types'
import { apiClient, signIn } from './helpers/api'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
const accounts = {} as Record<'admin' | 'editor' | 'writer', { user: User; token: string }>

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) accounts[role] = await signIn(payload, role)
})

const FORGED = {
  status: 'live',
  reason: 'Approved by the board',
  changedPath: 'https://evil.example/',
  startedAt: '2020-01-01T00:00:00.000Z',
  finishedAt: '2020-01-01T00:01:00.000Z',
  durationMs: 1,
  pagesBuilt: 999,
  logTail: 'All good, nothing to see.',
}

const expectRecordedAsRequestedBy = async (id: number, user: User) => {
  const build = await payload.findByID({ collection: 'site-builds', id, depth: 0 })
  expect(build).toMatchObject({ status: 'queued', reason: 'Rebuild requested in the admin', requestedBy: user.id })
  for (const field of ['changedPath', 'startedAt', 'finishedAt', 'durationMs', 'pagesBuilt', 'logTail'] as const) {
    expect(build[field] ?? null, field).toBeNull()
  }
}

describe('“Rebuild now” (creating a site build)', () => {
  it.each(['editor', 'admin'] as const)('records only the request of an %s, whatever else is sent', async (role) => {
    const response = await api.request('POST', '/api/site-builds', {
      token: accounts[role].token,
      body: { ...FORGED, requestedBy: accounts.writer.user.id },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    await expectRecordedAsRequestedBy(response.body.doc.id, accounts[role].user)
  })

  it('records only the request over GraphQL too', async () => {
    const response = await api.graphql(
      `mutation { createSiteBuild(data: { status: live, reason: "Forged", requestedBy: ${accounts.admin.user.id}, logTail: "ok", pagesBuilt: 5 }) { id } }`,
      { token: accounts.editor.token },
    )
    expect(response.body.errors).toBeUndefined()
    await expectRecordedAsRequestedBy(response.body.data.createSiteBuild.id, accounts.editor.user)
  })

  it('is refused to writers and the public', async () => {
    for (const token of [accounts.writer.token, undefined]) {
      expect((await api.request('POST', '/api/site-builds', { token, body: {} })).status).toBe(403)
    }
  })

  it('leaves existing records unchangeable, even by admins', async () => {
    const { body } = await api.request('POST', '/api/site-builds', { token: accounts.admin.token, body: {} })
    const response = await api.request('PATCH', `/api/site-builds/${body.doc.id}`, { token: accounts.admin.token, body: { status: 'failed', logTail: 'x' } })
    expect(response.status).toBe(403)
    await expectRecordedAsRequestedBy(body.doc.id, accounts.admin.user)
  })
})
