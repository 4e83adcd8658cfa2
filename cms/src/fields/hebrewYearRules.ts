import { HEBREW_YEARS } from '../contract/site'

/**
 * The organization's fiscal year runs October to September and is labelled by the Hebrew year
 * that begins that autumn: 5783 is October 2022 to September 2023.
 */
export const HEBREW_YEAR_OFFSET = 3761
export const MIN_HEBREW_YEAR = HEBREW_YEARS.min
export const MAX_HEBREW_YEAR = HEBREW_YEARS.max

const MONTH_LABEL = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' })

export type FiscalPeriod = {
  /** 1 October of the Gregorian year the Hebrew year begins in. */
  start: Date
  /** 30 September of the following Gregorian year. */
  end: Date
  label: string
}

export function hebrewYearError(value: unknown): string | null {
  if (value === undefined || value === null || value === '') {
    return 'Enter the Hebrew year of the report, for example 5783.'
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return `The Hebrew year must be a number such as 5783, not "${String(value)}".`
  }
  if (!Number.isInteger(value)) {
    return `The Hebrew year must be a whole number such as 5783, not ${value}.`
  }
  if (value < MIN_HEBREW_YEAR || value > MAX_HEBREW_YEAR) {
    return `The Hebrew year must be between ${MIN_HEBREW_YEAR} and ${MAX_HEBREW_YEAR} (${value} is outside that range); 5783 is October 2022 to September 2023.`
  }
  return null
}

export function fiscalPeriod(hebrewYear: number): FiscalPeriod {
  const startYear = hebrewYear - HEBREW_YEAR_OFFSET
  const start = new Date(Date.UTC(startYear, 9, 1))
  const end = new Date(Date.UTC(startYear + 1, 8, 30))
  return {
    start,
    end,
    label: `${MONTH_LABEL.format(start)} ${startYear} to ${MONTH_LABEL.format(end)} ${startYear + 1}`,
  }
}
