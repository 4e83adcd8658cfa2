import type { TextField } from 'payload'

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '')
}

/**
 * A unique, URL-safe identifier filled from another field when left empty (on the first save),
 * then kept stable: later edits to the source text do not move the URL or #anchor.
 */
export function slugField(from: string, description: string): TextField {
  return {
    name: 'slug',
    type: 'text',
    // Not `required`: it is filled from the source field, so API clients need not send it.
    unique: true,
    index: true,
    maxLength: 120,
    validate: (value: string | null | undefined) => {
      if (!value) return `A slug is needed; it is filled from the ${from} when that is set.`
      return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) ? true : 'Use lower-case letters, digits and single hyphens only, e.g. "racial-justice".'
    },
    hooks: {
      beforeValidate: [
        ({ value, siblingData }) => {
          if (typeof value === 'string' && value.trim()) return value.trim()
          const source = siblingData?.[from]
          return typeof source === 'string' ? slugify(source) : value
        },
      ],
    },
    admin: { position: 'sidebar', description },
  }
}
