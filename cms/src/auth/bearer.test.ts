import { describe, expect, it } from 'vitest'

import { presentsBearer } from './bearer'

const SECRET = 'a-shared-secret-of-some-length-0123456789'
const withAuthorization = (value?: string) => new Headers(value === undefined ? {} : { Authorization: value })

describe('presentsBearer', () => {
  it('accepts exactly the secret, as a bearer token', () => {
    expect(presentsBearer(withAuthorization(`Bearer ${SECRET}`), SECRET)).toBe(true)
  })

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the secret without the scheme', SECRET],
    ['another scheme', `JWT ${SECRET}`],
    ['a prefix of the secret', `Bearer ${SECRET.slice(0, -1)}`],
    ['the secret and more', `Bearer ${SECRET}x`],
    ['a same-length guess', `Bearer ${SECRET.slice(0, -1)}X`],
  ])('refuses %s', (_, value) => {
    expect(presentsBearer(withAuthorization(value), SECRET)).toBe(false)
  })
})
