import type { CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'

import type { Subscriber } from '../../payload-types'

/** Trims the address and lower-cases its domain; the mailbox part is kept as typed. */
export function canonicalEmail(raw: string): string {
  const email = raw.trim()
  const at = email.lastIndexOf('@')
  return at === -1 ? email : email.slice(0, at) + email.slice(at).toLowerCase()
}

/**
 * Keeps `email` canonical and `emailKey` (its lower-case form, uniquely indexed) in step, and
 * explains a duplicate in words instead of a database error on a hidden field. Callers that have
 * just looked the address up themselves (the sign-up path) set `context.addressChecked` to skip
 * the second look-up; the unique index still stops a duplicate.
 */
export const normalizeEmail: CollectionBeforeValidateHook<Subscriber> = async ({ data, originalDoc, req }) => {
  if (!data || typeof data.email !== 'string') return data
  const email = canonicalEmail(data.email)
  const emailKey = email.toLowerCase()
  if (req.context.addressChecked) return { ...data, email, emailKey }
  const existing = await req.payload.find({
    collection: 'subscribers',
    where: { emailKey: { equals: emailKey } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const other = existing.docs[0]
  if (other && other.id !== originalDoc?.id) {
    throw new ValidationError({
      errors: [{ message: 'This address is already on the list (addresses are compared ignoring case).', path: 'email' }],
    })
  }
  return { ...data, email, emailKey }
}
