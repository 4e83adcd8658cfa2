import type { Access } from 'payload'

/**
 * Staff read every file; the public only those that published content uses (the flag kept by
 * collections/Media/publishedUse.ts), so an upload for an unpublished report stays private,
 * its file URLs and resized copies included.
 */
export const publishedMediaOrStaff: Access = ({ req: { user } }) => {
  if (user) return true
  return { usedByPublished: { equals: true } }
}
