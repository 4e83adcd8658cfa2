/**
 * Document locks (Payload's `payload-locked-documents`): every signed-in account reads them, so
 * none may exist on staff accounts or subscribers, and nobody creates, moves or releases a lock in
 * someone else's name. Real REST and GraphQL requests.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { User } from '../src/payload-types'
import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber, createDoc } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
const accounts: Record<'admin' | 'editor' | 'writer', { user: User; token: string }> = {} as never

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) accounts[role] = await signIn(payload, role)
})

const holder = (role: keyof typeof accounts) => ({ relationTo: 'users', value: accounts[role].user.id })
const lockOn = async (relationTo: string, value: number, role: keyof typeof accounts) =>
  api.request('POST', '/api/payload-locked-documents', { token: accounts[role].token, body: { document: { relationTo, value }, user: holder(role) } })

describe('locks on accounts and subscribers', () => {
  it('cannot exist, so no writer learns which subscriber or account an admin has open', async () => {
    const subscriber = await createConfirmedSubscriber(payload, { email: 'reader@example.org' })
    for (const [relationTo, id] of [
      ['subscribers', subscriber.id],
      ['users', accounts.editor.user.id],
    ] as const) {
      const response = await lockOn(relationTo, id, 'admin')
      expect(response.status, relationTo).toBe(403)
    }
    const seen = await api.request('GET', '/api/payload-locked-documents?limit=100&depth=0', { token: accounts.writer.token })
    expect(seen.status).toBe(200)
    expect(seen.body.docs).toEqual([])
  })
})

describe('locks on content', () => {
  it('are readable by staff (the admin shows who is editing), never by the public', async () => {
    const value = await createDoc(payload, 'values', 'draft')
    expect((await lockOn('values', value.id, 'editor')).status).toBe(201)
    const seen = await api.request('GET', `/api/payload-locked-documents?where[document.value][equals]=${value.id}`, { token: accounts.writer.token })
    expect(seen.body.docs).toHaveLength(1)
    expect((await api.request('GET', '/api/payload-locked-documents')).status).toBe(403)
  })

  it('are created only in one’s own name, over REST and GraphQL', async () => {
    const value = await createDoc(payload, 'values', 'draft')
    const forged = await api.request('POST', '/api/payload-locked-documents', {
      token: accounts.writer.token,
      body: { document: { relationTo: 'values', value: value.id }, user: holder('editor') },
    })
    expect(forged.status).toBe(403)

    const gql = await api.graphql(
      `mutation { createPayloadLockedDocument(data: { document: { relationTo: values, value: ${value.id} }, user: { relationTo: users, value: ${accounts.editor.user.id} } }) { id } }`,
      { token: accounts.writer.token },
    )
    expect(gql.body.errors?.[0]?.message).toMatch(/not allowed/i)
    expect((await payload.count({ collection: 'payload-locked-documents', where: { 'document.value': { equals: value.id } } })).totalDocs).toBe(0)

    expect((await lockOn('values', value.id, 'writer')).status).toBe(201)
  })

  it('are released or kept alive only by their holder; a take-over moves a lock to oneself only', async () => {
    const value = await createDoc(payload, 'values', 'draft')
    const { body } = await lockOn('values', value.id, 'editor')
    const lockId = body.doc.id
    const asWriter = { token: accounts.writer.token }

    expect((await api.request('DELETE', `/api/payload-locked-documents/${lockId}`, asWriter)).status).toBe(403)
    expect((await api.request('PATCH', `/api/payload-locked-documents/${lockId}`, { ...asWriter, body: {} })).status).toBe(403)
    const toAdmin = await api.request('PATCH', `/api/payload-locked-documents/${lockId}`, { ...asWriter, body: { user: holder('admin') } })
    expect(toAdmin.status).toBe(403)
    expect((await payload.findByID({ collection: 'payload-locked-documents', id: lockId, depth: 0 })).user).toMatchObject(holder('editor'))

    const takeOver = await api.request('PATCH', `/api/payload-locked-documents/${lockId}`, { ...asWriter, body: { user: holder('writer') } })
    expect(takeOver.status).toBe(200)
    expect((await api.request('DELETE', `/api/payload-locked-documents/${lockId}`, { token: accounts.editor.token })).status).toBe(403)
    expect((await api.request('DELETE', `/api/payload-locked-documents/${lockId}`, asWriter)).status).toBe(200)
  })
})
