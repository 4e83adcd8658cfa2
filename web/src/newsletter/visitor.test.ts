import { expect, it } from 'vitest'

import { visitorKey } from './visitor'

it('counts an IPv6 address by its /64, and IPv4 (however written) by the address', () => {
  expect(visitorKey('2001:db8:5:6:1234:5678:9abc:def0')).toBe('2001:db8:5:6::/64')
  expect(visitorKey('2001:db8:5:6::1')).toBe(visitorKey('2001:db8:5:6:ffff::ffff'))
  expect(visitorKey('2001:db8:5:7::1')).not.toBe(visitorKey('2001:db8:5:6::1'))
  expect(visitorKey('fe80::1%eth0')).toBe('fe80::/64')
  expect(visitorKey('203.0.113.7')).toBe('203.0.113.7')
  expect(visitorKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
})
