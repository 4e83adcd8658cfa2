import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { CONFIRM_BY_HAND_MESSAGE, IMPORTED_WITH_CONSENT } from '../src/collections/Subscribers/confirmedByThemselves'
import { canonicalEmail } from '../src/contract'
import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
let adminToken: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  adminToken = (await signIn(payload, 'admin')).token!
})

describe('canonicalEmail', () => {
  it.each([
    ['  Dana@Example.ORG ', 'Dana@example.org'],
    ['x@Sub.Domain.Org', 'x@sub.domain.org'],
    ['no-at-sign', 'no-at-sign'],
  ])('%j becomes %j', (raw, expected) => {
    expect(canonicalEmail(raw)).toBe(expected)
  })
})

describe('subscriber email addresses', () => {
  it('are unique regardless of case, with a message on the email field', async () => {
    await payload.create({ collection: 'subscribers', data: { email: 'Rivka@Example.org', status: 'pending' } })
    for (const variant of ['rivka@example.org', 'RIVKA@EXAMPLE.ORG', '  rivka@example.ORG  ']) {
      await expect(payload.create({ collection: 'subscribers', data: { email: variant, status: 'pending' } })).rejects.toMatchObject({
        data: { errors: [expect.objectContaining({ path: 'email', message: expect.stringMatching(/already on the list/) })] },
      })
    }
    const { totalDocs } = await payload.count({ collection: 'subscribers', where: { emailKey: { equals: 'rivka@example.org' } } })
    expect(totalDocs).toBe(1)
  })

  it('are unique in the database itself, so concurrent sign-ups cannot both land', async () => {
    const attempts = await Promise.allSettled(
      ['Sam@example.org', 'sam@example.org', 'SAM@example.org', 'sam@EXAMPLE.org'].map((email) =>
        payload.create({ collection: 'subscribers', data: { email, status: 'pending' } }),
      ),
    )
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
    const { totalDocs } = await payload.count({ collection: 'subscribers', where: { emailKey: { equals: 'sam@example.org' } } })
    expect(totalDocs).toBe(1)
  })

  it('keep the mailbox as typed and lower-case the domain', async () => {
    const doc = await payload.create({ collection: 'subscribers', data: { email: ' Noa.Levi@Example.ORG ', status: 'pending' } })
    expect(doc.email).toBe('Noa.Levi@example.org')
    expect(doc.emailKey).toBe('noa.levi@example.org')
  })

  it('may be changed on the same subscriber, but not to another subscriber’s address', async () => {
    const a = await payload.create({ collection: 'subscribers', data: { email: 'first@example.org', status: 'pending' } })
    await payload.create({ collection: 'subscribers', data: { email: 'second@example.org', status: 'pending' } })
    const renamed = await payload.update({ collection: 'subscribers', id: a.id, data: { email: 'FIRST@example.org' } })
    expect(renamed.emailKey).toBe('first@example.org')
    await expect(payload.update({ collection: 'subscribers', id: a.id, data: { email: 'Second@example.org' } })).rejects.toThrow()
  })
})

describe('"confirmed"', () => {
  const statusOf = async (id: number) => (await payload.findByID({ collection: 'subscribers', id })).status
  const pending = (email: string) => payload.create({ collection: 'subscribers', data: { email, status: 'pending' } })

  it('is refused to an admin over REST, with the reason on the status field, and nothing changes', async () => {
    const { id } = await pending('by-hand@reader.example')
    const updated = await api.request('PATCH', `/api/subscribers/${id}`, { token: adminToken, body: { status: 'confirmed', firstName: 'Changed' } })
    expect(updated.status).toBe(400)
    expect(updated.body.errors[0].data.errors).toEqual([expect.objectContaining({ path: 'status', message: CONFIRM_BY_HAND_MESSAGE })])
    expect(await payload.findByID({ collection: 'subscribers', id })).toMatchObject({ status: 'pending', firstName: null, confirmedAt: null })

    const created = await api.request('POST', '/api/subscribers', { token: adminToken, body: { email: 'made-up@reader.example', status: 'confirmed' } })
    expect(created.status).toBe(400)
    expect((await payload.count({ collection: 'subscribers', where: { email: { equals: 'made-up@reader.example' } } })).totalDocs).toBe(0)
  })

  it('is refused over GraphQL too', async () => {
    const { id } = await pending('by-graphql@reader.example')
    const response = await api.graphql(`mutation { updateSubscriber(id: ${id}, data: { status: confirmed }) { status } }`, { token: adminToken })
    expect(response.body.errors?.[0]?.extensions?.data?.errors ?? response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('Only the subscriber can confirm') })]),
    )
    expect(await statusOf(id)).toBe('pending')
  })

  it('is refused even to an import unless it carries the consent record', async () => {
    await expect(
      payload.create({
        collection: 'subscribers',
        context: { [IMPORTED_WITH_CONSENT]: true },
        data: { email: 'no-consent@reader.example', status: 'confirmed' },
      }),
    ).rejects.toThrow(/status/)
    const imported = await createConfirmedSubscriber(payload, { email: 'with-consent@reader.example' })
    expect(imported).toMatchObject({ status: 'confirmed', consentedAt: '2026-01-05T10:00:00.000Z' })
  })

  it('leaves an admin free to unsubscribe someone, or to edit a confirmed subscriber', async () => {
    const confirmed = await createConfirmedSubscriber(payload, { email: 'edit-me@reader.example' })
    const renamed = await api.request('PATCH', `/api/subscribers/${confirmed.id}`, { token: adminToken, body: { firstName: 'Tamar' } })
    expect(renamed.status).toBe(200)
    expect(await payload.findByID({ collection: 'subscribers', id: confirmed.id })).toMatchObject({ status: 'confirmed', firstName: 'Tamar' })
    const unsubscribed = await api.request('PATCH', `/api/subscribers/${confirmed.id}`, { token: adminToken, body: { status: 'unsubscribed' } })
    expect(unsubscribed.status).toBe(200)
    expect(await statusOf(confirmed.id)).toBe('unsubscribed')
    // ...but not to put them back on the list: that takes their own confirmation.
    const back = await api.request('PATCH', `/api/subscribers/${confirmed.id}`, { token: adminToken, body: { status: 'confirmed' } })
    expect(back.status).toBe(400)
    expect(await statusOf(confirmed.id)).toBe('unsubscribed')
  })
})
