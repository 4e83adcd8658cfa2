'use client'
import { Button, ConfirmationModal, toast, useConfig, useDocumentInfo, useModal } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'

import { postAction } from '../../../http/postAction'

const MODAL = 'erase-subscriber'

/**
 * Beside Save on a subscriber: "Erase…", whose dialog says exactly what goes and what stays, then
 * erases through POST /api/subscribers/:id/erase (collections/Subscribers/erase.ts).
 */
export function EraseButton() {
  const { id, title } = useDocumentInfo()
  const { config } = useConfig()
  const { openModal } = useModal()
  const router = useRouter()
  if (!id) return null

  const erase = async () => {
    const answer = await postAction(`${config.serverURL}${config.routes.api}/subscribers/${id}/erase`)
    if (!answer.ok) {
      toast.error(`Nothing was erased: ${answer.problem}`)
      return
    }
    toast.success(answer.message ?? 'Erased.')
    router.push(`${config.routes.admin}/collections/subscribers`)
  }

  return (
    <>
      <Button buttonStyle="error" size="medium" margin={false} onClick={() => openModal(MODAL)} id="erase-subscriber">
        Erase…
      </Button>
      <ConfirmationModal
        modalSlug={MODAL}
        heading={`Erase ${title || 'this subscriber'} completely?`}
        confirmLabel="Erase for good"
        confirmingLabel="Erasing…"
        body={
          <div className="erase-subscriber__body">
            <p>This cannot be undone. What goes, at once:</p>
            <ul>
              <li>the subscriber: their address, names and postal code;</li>
              <li>their consent record: what they agreed to, when, and on which page;</li>
              <li>every sign-up of theirs the CMS keeps (the sign-up journal entries, with their confirmation links);</li>
              <li>the emails still queued for them;</li>
              <li>any sign-up of theirs still waiting at the site server (there only while the CMS could not be reached): it is dropped when it arrives.</li>
              <li>Your mailing tool is told to erase them too, if a webhook (Newsletter → Webhooks) told it about them.</li>
            </ul>
            <p>
              What stays: one line in Newsletter → Erasures saying that a subscriber was erased, when and by you, without the address. To only stop sending to
              them and keep the record of their consent, choose Unsubscribed instead.
            </p>
          </div>
        }
        onConfirm={erase}
      />
    </>
  )
}
