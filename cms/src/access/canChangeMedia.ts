import type { Access } from 'payload'

import { mayPublish } from './roles'

/**
 * Media have no drafts: changing a file that published content uses changes the live site.
 * Editors and admins may; writers only files that nothing published uses (their own uploads for
 * a draft, say).
 */
export const canChangeMedia: Access = ({ req: { user } }) => {
  if (!user) return false
  if (mayPublish(user)) return true
  return { usedByPublished: { not_equals: true } }
}
