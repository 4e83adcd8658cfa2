'use client'
import { useAuth } from '@payloadcms/ui'

import { mayPublish } from '../../access/roles'
import type { User } from '../../payload-types'
import { useContentChecks } from './useContentChecks'

/** The document controls (Payload's DocumentControls) that hold this note. */
const CONTROLS_WITH_NOTE = '.doc-controls__controls:has(.publish-blocked)'

/**
 * Where editors see "Publish changes": while the checks find errors, why it cannot be published
 * instead of a button that would only be refused (the server refuses it too).
 */
export function PublishBlocked() {
  const { user } = useAuth<User>()
  const checked = useContentChecks()
  if (!user || !mayPublish(user) || !checked || checked.errors.length === 0) return null
  const count = checked.errors.length
  return (
    <>
      <p className="publish-blocked" role="note">
        Not ready to publish: {count} {count === 1 ? 'problem' : 'problems'} to fix, listed under “Checks before publishing”.
      </p>
      {/*
        This document's Publish button and, beside it, its menu (Schedule publish): a scheduled
        publication would be refused too. Only the buttons in the same controls as this note: a
        drawer opened from the document (a new media file, a new category) has its own Save, which
        must stay, and the drawers sit outside these controls.
      */}
      <style>{`${CONTROLS_WITH_NOTE} #action-save, ${CONTROLS_WITH_NOTE} .btn--withPopup:has(> #action-save) { display: none; }`}</style>
    </>
  )
}
