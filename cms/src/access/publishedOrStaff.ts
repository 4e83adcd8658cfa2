import type { Access } from 'payload'

/** Staff read everything, drafts included; the public reads published content only. */
export const publishedOrStaff: Access = ({ req: { user } }) => {
  if (user) return true
  return { _status: { equals: 'published' } }
}
