import type { CollectionBeforeOperationHook, CollectionBeforeValidateHook, Field, NumberFieldSingleValidation } from 'payload'
import { ValidationError } from 'payload'

import { fiscalPeriod, hebrewYearError, MAX_HEBREW_YEAR, MIN_HEBREW_YEAR } from './hebrewYearRules'

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
      // As the year is typed: what is wrong with it, or its period and web address, a report that
      // already has it, and a title (the form shows the server's checks only after a publish).
      components: { afterInput: ['/fields/HebrewYearHints#HebrewYearHints'] },
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
