'use client'
import { Button, toast, useAuth, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { mayPublish } from '../../access/roles'
import type { User } from '../../payload-types'

/** On a build that was live before: one click makes it live again (editors and admins). */
export function RollbackButton() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value)
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  if (!id || status !== 'previous' || !mayPublish(user)) return null

  const rollBack = async () => {
    setBusy(true)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/site-builds/${id}/rollback`, {
        method: 'POST',
        credentials: 'include',
      })
      const body = (await response.json().catch(() => ({}))) as { error?: string }
      if (!response.ok) throw new Error(body.error ?? `The CMS answered ${response.status}.`)
      toast.success('This build is live again.')
      router.refresh()
    } catch (error) {
      toast.error(`Could not roll back: ${error instanceof Error ? error.message : error}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="field-type">
      <Button buttonStyle="secondary" disabled={busy} onClick={rollBack} margin={false}>
        {busy ? 'Making it live…' : 'Make this build live again'}
      </Button>
      <p className="field-description">Readers get this build’s pages at once; nothing is rebuilt.</p>
    </div>
  )
}
