/** The id a relationship or upload value holds: the id itself, or the populated document's. */
export const relationId = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'number') return value.id
  return undefined
}

/** An array field's rows, whatever else the value is. */
export const rowsOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((row) => row && typeof row === 'object') : [])
