'use client'
import { Button, toast, useAuth, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { mayPublish } from '../../access/roles'
import type { User } from '../../payload-types'

/** Above the list of builds: queue a fresh build of the published content. */
export function RebuildNowButton() {
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  if (!mayPublish(user)) return null

  const rebuild = async () => {
    setBusy(true)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/site-builds`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({}),
      })
      if (!response.ok) throw new Error(`The CMS answered ${response.status}.`)
      toast.success('A build is queued; it shows up below.')
      router.refresh()
    } catch (error) {
      toast.error(`Could not queue a build: ${error instanceof Error ? error.message : error}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="rebuild-now">
      <Button buttonStyle="primary" disabled={busy} onClick={rebuild} margin={false}>
        {busy ? 'Queuing…' : 'Rebuild now'}
      </Button>
    </div>
  )
}
