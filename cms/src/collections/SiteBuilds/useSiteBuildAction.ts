'use client'
import { toast, useAuth, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { mayPublish } from '../../access/roles'
import type { User } from '../../payload-types'

/**
 * An editor's action on site builds from the admin: a POST to the site-builds API, a toast with
 * the outcome, and a refresh so the list or the build shows its new state.
 */
export function useSiteBuildAction(path: string, { body, success, failure }: { body?: unknown; success: string; failure: string }) {
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)

  const run = async () => {
    setBusy(true)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/site-builds${path}`, {
        method: 'POST',
        credentials: 'include',
        ...(body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      })
      const answer = (await response.json().catch(() => ({}))) as { error?: string }
      if (!response.ok) throw new Error(answer.error ?? `The CMS answered ${response.status}.`)
      toast.success(success)
      router.refresh()
    } catch (error) {
      toast.error(`${failure}: ${error instanceof Error ? error.message : error}`)
    } finally {
      setBusy(false)
    }
  }

  return { allowed: mayPublish(user), busy, run }
}
