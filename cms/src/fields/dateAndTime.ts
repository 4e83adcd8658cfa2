import type { DateField } from 'payload'

/**
 * How the admin shows a moment: day, hours and minutes in the admin's own time zone (the
 * browser's), with the zone named, so "confirmed at" is never read as a bare date.
 */
export const DATE_AND_TIME = 'd MMM yyyy, HH:mm (zzz)'

/** A read-only date field the system fills in, shown with its time. */
export function dateAndTime(field: Omit<DateField, 'type'>): DateField {
  return {
    ...field,
    type: 'date',
    admin: { readOnly: true, ...field.admin, date: { pickerAppearance: 'dayAndTime', displayFormat: DATE_AND_TIME, ...field.admin?.date } },
  }
}
