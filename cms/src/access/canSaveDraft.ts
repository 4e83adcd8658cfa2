import type { Access } from 'payload'

import { mayPublish } from './roles'

/**
 * Create/update rule for versioned content. Editors and admins may save anything; writers may
 * only save drafts. The admin asks this with `_status: 'draft'` (may save) and
 * `_status: 'published'` (may publish), so writers see Save Draft but no Publish button.
 * Requests that carry no status (a reorder, a plain PATCH) count as publishing.
 */
export const canSaveDraft: Access = ({ req: { user }, data }) => {
  if (!user) return false
  if (mayPublish(user)) return true
  return data?._status === 'draft'
}
