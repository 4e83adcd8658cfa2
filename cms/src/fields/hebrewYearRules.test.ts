import { describe, expect, it } from 'vitest'

import { fiscalPeriod, hebrewYearError } from './hebrewYearRules'

describe('fiscalPeriod', () => {
  it.each([
    [5783, 'October 2022 to September 2023', '2022-10-01', '2023-09-30'],
    [5784, 'October 2023 to September 2024', '2023-10-01', '2024-09-30'],
    [5750, 'October 1989 to September 1990', '1989-10-01', '1990-09-30'],
    [5900, 'October 2139 to September 2140', '2139-10-01', '2140-09-30'],
  ])('%i runs %s', (year, label, start, end) => {
    const period = fiscalPeriod(year)
    expect(period.label).toBe(label)
    expect(period.start.toISOString().slice(0, 10)).toBe(start)
    expect(period.end.toISOString().slice(0, 10)).toBe(end)
  })
})

describe('hebrewYearError', () => {
  it.each([5750, 5783, 5900])('accepts %i', (year) => {
    expect(hebrewYearError(year)).toBeNull()
  })

  it.each([
    [undefined, /Enter the Hebrew year/],
    [null, /Enter the Hebrew year/],
    ['', /Enter the Hebrew year/],
    ['5783', /must be a number/],
    ['abc', /must be a number such as 5783, not "abc"/],
    [Number.NaN, /must be a number/],
    [5783.5, /whole number such as 5783, not 5783.5/],
    [5749, /between 5750 and 5900 \(5749 is outside/],
    [5901, /between 5750 and 5900/],
    [2023, /between 5750 and 5900 \(2023 is outside/],
    [-5783, /between 5750 and 5900/],
  ])('refuses %s with a clear message', (value, message) => {
    expect(hebrewYearError(value)).toMatch(message)
  })
})
