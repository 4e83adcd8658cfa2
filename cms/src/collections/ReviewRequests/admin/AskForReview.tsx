'use client'
import { Button, useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useId, useRef, useState } from 'react'

import { mayPublish } from '../../../access/roles'
import type { User } from '../../../payload-types'

type Sending = { state: 'idle' } | { state: 'writing' } | { state: 'sending' } | { state: 'sent' } | { state: 'refused'; problem: string }

/**
 * Beside a writer's document controls: "Ask for review", with an optional message for the
 * editors, who then see the request at the top of their dashboard. The answer (sent, or why not)
 * is said where the button was.
 */
export function AskForReview() {
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const { id, collectionSlug, globalSlug } = useDocumentInfo()
  const [sending, setSending] = useState<Sending>({ state: 'idle' })
  const messageId = useId()
  const message = useRef<HTMLTextAreaElement>(null)
  if (!user || mayPublish(user) || (!globalSlug && id === undefined)) return null

  const send = async (message: string) => {
    setSending({ state: 'sending' })
    const response = await fetch(`${config.serverURL}${config.routes.api}/review-requests`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ target: globalSlug ?? collectionSlug, documentId: globalSlug ? undefined : Number(id), message: message || undefined }),
    }).catch(() => undefined)
    if (response?.ok) return setSending({ state: 'sent' })
    const answer = (await response?.json().catch(() => undefined)) as { errors?: { message: string; data?: { errors?: { message: string }[] } }[] } | undefined
    const error = answer?.errors?.[0]
    setSending({
      state: 'refused',
      problem: error?.data?.errors?.[0]?.message ?? error?.message ?? 'The CMS could not be reached. Check your connection and try again.',
    })
  }

  if (sending.state === 'sent') {
    return (
      <p className="ask-review__answer" role="status">
        Sent: the editors see your request at the top of their dashboard.
      </p>
    )
  }
  const open = sending.state !== 'idle'
  return (
    <div className="ask-review">
      <Button buttonStyle="secondary" size="medium" margin={false} aria-expanded={open} onClick={() => setSending({ state: open ? 'idle' : 'writing' })}>
        Ask for review
      </Button>
      {open && (
        // Not a <form>: this sits inside the document's own form, whose submit would save the document.
        <div
          className="ask-review__panel"
          role="group"
          aria-label="Ask an editor to review this draft"
          onKeyDown={(event) => event.key === 'Escape' && setSending({ state: 'idle' })}
        >
          <label htmlFor={messageId}>Message for the editors (optional)</label>
          <textarea id={messageId} ref={message} rows={3} maxLength={1000} autoFocus />
          {sending.state === 'refused' && (
            <p className="ask-review__problem" role="alert">
              {sending.problem}
            </p>
          )}
          <div className="ask-review__actions">
            <Button size="medium" margin={false} disabled={sending.state === 'sending'} onClick={() => void send(message.current?.value.trim() ?? '')}>
              Send for review
            </Button>
            <Button buttonStyle="subtle" size="medium" margin={false} onClick={() => setSending({ state: 'idle' })}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
