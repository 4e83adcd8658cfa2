import { describe, expect, it } from 'vitest'

import { tabOfWhere, whereOfTab } from './listFilter'

describe('the subscribers list’s status tabs', () => {
  it('know their own filter back, as a tab sets it or the filter builder wraps it', () => {
    for (const tab of ['confirmed', 'pending', 'unsubscribed', 'all'] as const) expect(tabOfWhere(whereOfTab(tab))).toBe(tab)
    expect(tabOfWhere({ or: [{ and: [{ status: { equals: 'pending' } }] }] })).toBe('pending')
    // From the address bar, `in` arrives as a comma-separated string.
    expect(tabOfWhere({ status: { in: 'unsubscribed,pending,confirmed' } })).toBe('all')
  })

  it('call anything else the admin’s own filter, and no filter none', () => {
    expect(tabOfWhere(undefined)).toBeUndefined()
    expect(tabOfWhere({})).toBeUndefined()
    expect(tabOfWhere({ status: { equals: 'pending' }, email: { like: 'x' } })).toBe('custom')
    expect(tabOfWhere({ status: { not_equals: 'pending' } })).toBe('custom')
    expect(tabOfWhere({ status: { in: ['pending', 'confirmed'] } })).toBe('custom')
    expect(tabOfWhere({ or: [{ status: { equals: 'pending' } }, { status: { equals: 'confirmed' } }] })).toBe('custom')
    expect(tabOfWhere({ status: { equals: 'deleted' } })).toBe('custom')
  })
})
