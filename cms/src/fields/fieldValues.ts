import type { FlattenedField } from 'payload'

/** One field's value in a document, with where it is: its path as Payload names it and its label in words. */
export type FieldValue = { field: FlattenedField; value: unknown; path: string; label: string }

const humanize = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase())
const labelOf = (field: { name: string; label?: unknown }) => (typeof field.label === 'string' ? field.label : humanize(field.name))

/** An array or blocks field's rows, whatever else the value is. */
const rowsOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((row) => row && typeof row === 'object') : [])

/**
 * Every field of a document that holds a value of its own, with that value, through groups, named
 * tabs, array rows and blocks (Payload's flattened fields have no rows, collapsibles or unnamed
 * tabs left: their fields sit in their parent's place). The checks before publishing, the empty
 * draft sweep and the media-use tracking all read documents through this one walk.
 */
export function fieldValues(fields: FlattenedField[], data: unknown, into: FieldValue[] = [], path: string[] = [], label: string[] = []): FieldValue[] {
  if (!data || typeof data !== 'object') return into
  const record = data as Record<string, unknown>
  for (const field of fields) {
    const value = record[field.name]
    const fieldPath = [...path, field.name]
    const fieldLabel = [...label, labelOf(field)]
    /** The n-th row's label: "Financial 2". */
    const rowLabel = (index: number) => [...label, `${labelOf(field)} ${index + 1}`]
    switch (field.type) {
      case 'group':
      case 'tab':
        fieldValues(field.flattenedFields, value, into, fieldPath, fieldLabel)
        break
      case 'array':
        rowsOf(value).forEach((row, index) => fieldValues(field.flattenedFields, row, into, [...fieldPath, String(index)], rowLabel(index)))
        break
      case 'blocks':
        rowsOf(value).forEach((row, index) => {
          const block = field.blocks.find((each) => each.slug === row.blockType)
          if (block) fieldValues(block.flattenedFields, row, into, [...fieldPath, String(index)], rowLabel(index))
        })
        break
      default:
        into.push({ field, value, path: fieldPath.join('.'), label: fieldLabel.join(' › ') })
    }
  }
  return into
}
