import type { Field } from 'payload'

/** What a spreadsheet takes for a formula at the start of a cell (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A text field whose value leaves the CMS in the subscriber CSV: a cell starting like a formula is
 * written with a leading apostrophe, so a spreadsheet shows the text and runs nothing. (Sign-ups
 * refuse such names already; this covers every other way text gets in.)
 */
export function spreadsheetSafe<T extends Field>(field: T): T {
  return {
    ...field,
    custom: {
      ...field.custom,
      'plugin-import-export': {
        hooks: {
          // The value itself otherwise: the plugin (3.90) leaves the cell empty for `undefined`.
          beforeExport: ({ format, value }: { format: string; value: unknown }) =>
            format === 'csv' && typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value,
        },
      },
    },
  }
}
