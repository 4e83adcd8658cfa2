'use client'
import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import type { WebhookHealth as Health } from '../../newsletter/webhookHealth'

/**
 * On a webhook's page: whether its calls are getting through, in words ("the address could not be
 * found"), how many wait, and "Send a test call" to try the address now, after fixing it.
 */
export function WebhookHealth() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [health, setHealth] = useState<Health>()
  const [test, setTest] = useState<{ busy: boolean; delivered?: boolean; message?: string }>({ busy: false })
  const api = `${config.serverURL}${config.routes.api}/webhooks/${id}`

  const read = useCallback(async () => {
    const response = await fetch(`${api}/health`, { credentials: 'include' }).catch(() => undefined)
    if (response?.ok) setHealth((await response.json()) as Health)
  }, [api])
  useEffect(() => {
    if (id) void read()
  }, [id, read])
  if (!id) return null

  const sendTest = async () => {
    setTest({ busy: true })
    const response = await fetch(`${api}/test`, { method: 'POST', credentials: 'include' }).catch(() => undefined)
    const answer = (await response?.json().catch(() => undefined)) as { delivered?: boolean; message?: string; errors?: { message: string }[] } | undefined
    setTest({
      busy: false,
      delivered: answer?.delivered,
      message: answer?.message ?? answer?.errors?.[0]?.message ?? 'The CMS could not be reached to make the test call. Try again in a moment.',
    })
  }

  return (
    <div className="field-type webhook-health" aria-label="Is it working?" role="region">
      <h3 className="webhook-health__heading">Is it working?</h3>
      {health?.failingSince ? (
        <p className="webhook-health__failing">
          <strong>Failing</strong> since {new Date(health.failingSince).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}: {health.problem}.{' '}
          {health.waiting.toLocaleString('en')} {health.waiting === 1 ? 'call is' : 'calls are'} waiting and will be retried, in order, until they get through.
        </p>
      ) : health ? (
        <p>
          {health.waiting === 0
            ? 'Every call so far got through.'
            : `${health.waiting.toLocaleString('en')} ${health.waiting === 1 ? 'call is' : 'calls are'} waiting to be sent.`}
        </p>
      ) : null}
      <Button buttonStyle="secondary" margin={false} disabled={test.busy} onClick={sendTest}>
        {test.busy ? 'Calling…' : 'Send a test call'}
      </Button>
      {test.message && (
        <p role="status" className={test.delivered ? 'webhook-health__ok' : 'webhook-health__failing'}>
          {test.message}
        </p>
      )}
    </div>
  )
}
