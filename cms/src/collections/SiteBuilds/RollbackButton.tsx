'use client'
import { Button, useDocumentInfo, useFormFields } from '@payloadcms/ui'

import { useSiteBuildAction } from './useSiteBuildAction'

/** On a build that was live before: one click makes it live again (editors and admins). */
export function RollbackButton() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value)
  const rollBack = useSiteBuildAction(`/${id}/rollback`, { success: 'This build is live again.', failure: 'Could not roll back' })
  if (!id || status !== 'previous' || !rollBack.allowed) return null

  return (
    <div className="field-type">
      <Button buttonStyle="secondary" disabled={rollBack.busy} onClick={rollBack.run} margin={false}>
        {rollBack.busy ? 'Making it live…' : 'Make this build live again'}
      </Button>
      <p className="field-description">Readers get this build’s pages at once; nothing is rebuilt.</p>
    </div>
  )
}
