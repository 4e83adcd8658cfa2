import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { canonicalEmail } from '../src/contract'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload

beforeAll(async () => {
  payload = (await startTestPayload()).payload
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
      await expect(
        payload.create({ collection: 'subscribers', data: { email: variant, status: 'pending' } }),
      ).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'email', message: expect.stringMatching(/already on the list/) })] } })
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
