import type { Access } from 'payload'

import { mayPublish } from '../../access/roles'

/** Editors and admins read every request; a writer reads their own. */
export const publishersOrRequester: Access = ({ req: { user } }) => {
  if (!user) return false
  return mayPublish(user) || { requestedBy: { equals: user.id } }
}
