'use client'
import { useAuth } from '@payloadcms/ui'

import { mayPublish } from '../../access/roles'
import type { User } from '../../payload-types'

/**
 * Beside a writer's document controls, where editors see "Publish changes": why there is no such
 * button, and what becomes of their changes.
 */
export function WriterNote() {
  const { user } = useAuth<User>()
  if (!user || mayPublish(user)) return null
  return (
    <p className="writer-note" role="note">
      Writers save drafts: your changes are kept as a draft, and an editor or admin publishes them.
    </p>
  )
}

/**
 * Above an ordered list (values, FAQ entries): for writers, who cannot reorder, no drag handles
 * that do nothing when dragged, and a line saying who can.
 */
export function ReorderNote() {
  const { user } = useAuth<User>()
  if (!user || mayPublish(user)) return null
  return (
    <>
      <p className="writer-note writer-note--list" role="note">
        The order is the order on the site. Editors and admins change it by dragging rows.
      </p>
      <style>{'.sort-row { visibility: hidden; }'}</style>
    </>
  )
}
