import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '../../payload-types'

/** Whoever creates the very first account (the admin's "create first user" screen) is an admin. */
export const firstUserIsAdmin: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req })
  return totalDocs === 0 ? { ...data, role: 'admin' } : data
}
