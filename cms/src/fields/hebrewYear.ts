import type { CollectionBeforeOperationHook, CollectionBeforeValidateHook, Field, NumberFieldSingleValidation } from 'payload'
import { ValidationError } from 'payload'

import { HEBREW_YEARS } from '../contract'

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

const validateHebrewYear: NumberFieldSingleValidation = (value) => hebrewYearError(value) ?? true

/** The Hebrew year (the one typed input) and the fields derived from it, shown read-only. */
export const hebrewYearFields: Field[] = [
  {
    name: 'hebrewYear',
    type: 'number',
    label: 'Hebrew year',
    required: true,
    unique: true,
    index: true,
    min: MIN_HEBREW_YEAR,
    max: MAX_HEBREW_YEAR,
    validate: validateHebrewYear,
    admin: {
      step: 1,
      description:
        'The Hebrew year that begins in October of the reporting period, e.g. 5783 for October 2022 to September 2023. The period and web address follow from it.',
    },
  },
  {
    name: 'period',
    type: 'text',
    label: 'Reporting period',
    admin: { readOnly: true, description: 'Derived from the Hebrew year.' },
  },
  {
    type: 'row',
    fields: [
      { name: 'periodStart', type: 'date', admin: { readOnly: true, hidden: true } },
      { name: 'periodEnd', type: 'date', admin: { readOnly: true, hidden: true } },
    ],
  },
]

/**
 * Fills the derived fields (period, dates and slug) from the Hebrew year, overwriting anything
 * sent for them. A bad year is refused at every save, drafts included. A draft may wait for its
 * year (the admin saves an empty draft as soon as an editor opens "Create new"); publishing
 * needs one.
 */
export const deriveFromHebrewYear: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  if (!data) return data
  const year = 'hebrewYear' in data ? data.hebrewYear : originalDoc?.hebrewYear
  const publishing = (data._status ?? originalDoc?._status) === 'published'
  if ((year === null || year === undefined) && !publishing) {
    return { ...data, period: null, periodStart: null, periodEnd: null, slug: null }
  }
  const error = hebrewYearError(year)
  if (error) {
    throw new ValidationError({ errors: [{ message: error, path: 'hebrewYear' }] })
  }
  const period = fiscalPeriod(year as number)
  return {
    ...data,
    period: period.label,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    slug: String(year),
  }
}

/**
 * Payload turns a number sent as text into a number with parseFloat before any field hook runs,
 * so "5783a" would quietly become 5783 and "abc" an empty year. Text years are checked here,
 * before that, and refused unless they are plain digits.
 */
export const refuseMalformedHebrewYear: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const year = (args as { data?: { hebrewYear?: unknown } }).data?.hebrewYear
  if (typeof year === 'string' && year.trim() !== '' && !/^\s*-?\d+\s*$/.test(year)) {
    throw new ValidationError({ errors: [{ message: hebrewYearError(year)!, path: 'hebrewYear' }] })
  }
  return args
}
