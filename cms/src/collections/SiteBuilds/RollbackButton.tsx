'use client'
import { Button, ConfirmationModal, toast, useConfig, useDocumentInfo, useFormFields, useModal } from '@payloadcms/ui'
import { useState } from 'react'

import type { RollbackChanges } from '../../publishing/rollback'
import { useSiteBuildAction } from './useSiteBuildAction'

const MODAL = 'roll-back-site'

type Preview = { builtAt?: string | null; liveBuiltAt?: string | null; alreadyLive: boolean; changes: RollbackChanges }

const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }) : 'an earlier date')

function ChangeList({ heading, items }: { heading: string; items: string[] }) {
  if (items.length === 0) return null
  return (
    <>
      <p>
        <strong>{heading}</strong>
      </p>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  )
}

/**
 * On a build that was live before: "Make this build live again…" asks first, listing what will
 * disappear from the public site and what goes back to an earlier version (the two builds' content
 * compared by the CMS), then makes it live at once (editors and admins).
 */
export function RollbackButton() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const { openModal } = useModal()
  const status = useFormFields(([fields]) => fields.status?.value)
  const [preview, setPreview] = useState<Preview>()
  const rollBack = useSiteBuildAction(`/${id}/rollback`, { success: 'This build is live again.', failure: 'Could not roll back' })
  if (!id || status !== 'previous' || !rollBack.allowed) return null

  const ask = async () => {
    const response = await fetch(`${config.serverURL}${config.routes.api}/site-builds/${id}/rollback`, { credentials: 'include' }).catch(() => undefined)
    const answer = (await response?.json().catch(() => ({}))) as Preview & { error?: string }
    if (!response?.ok) {
      toast.error(`Could not roll back: ${answer?.error ?? 'the CMS could not be reached. Try again in a moment.'}`)
      return
    }
    setPreview(answer)
    openModal(MODAL)
  }

  const changes = preview?.changes
  const nothing = changes && changes.disappear.length + changes.revert.length + changes.reappear.length === 0
  return (
    <div className="field-type">
      <Button buttonStyle="secondary" disabled={rollBack.busy} onClick={ask} margin={false} id="roll-back-site">
        {rollBack.busy ? 'Making it live…' : 'Make this build live again…'}
      </Button>
      <p className="field-description">Readers get this build’s pages at once; nothing is rebuilt. You will see what changes before anything does.</p>
      <ConfirmationModal
        modalSlug={MODAL}
        heading="Put the site back to this build?"
        confirmLabel="Make it live"
        confirmingLabel="Making it live…"
        cancelLabel="Keep the site as it is"
        body={
          <div className="roll-back-site__body">
            <p>
              The public site goes back to the pages built {when(preview?.builtAt)}, replacing those built {when(preview?.liveBuiltAt)}. Published documents
              stay published in the admin, but what changed since is no longer on the site until it is published again or the site is rebuilt.
            </p>
            {changes === null && <p>What changes cannot be listed: one of the two builds is older than the record the comparison needs.</p>}
            {nothing && <p>The content is the same in both builds: only the site’s code or design differs.</p>}
            {changes && (
              <>
                <ChangeList heading="Will disappear from the site:" items={changes.disappear} />
                <ChangeList heading="Will go back to an earlier version:" items={changes.revert} />
                <ChangeList heading="Will be on the site again:" items={changes.reappear} />
              </>
            )}
          </div>
        }
        onConfirm={rollBack.run}
      />
    </div>
  )
}
