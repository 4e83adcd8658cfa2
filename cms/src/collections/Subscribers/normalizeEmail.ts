import type { CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'

import { canonicalEmail } from '../../contract'
import type { Subscriber } from '../../payload-types'

/**
 * Keeps `email` canonical and `emailKey` (its lower-case form, uniquely indexed) in step, and
 * explains a duplicate in words instead of a database error on a hidden field.
 */
export const normalizeEmail: CollectionBeforeValidateHook<Subscriber> = async ({ data, originalDoc, req }) => {
  if (!data || typeof data.email !== 'string') return data
  const email = canonicalEmail(data.email)
  const emailKey = email.toLowerCase()
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
