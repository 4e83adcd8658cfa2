'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useRef, useState } from 'react'

import type { SiteBuild } from '../../payload-types'

type Following = { since: string; build?: SiteBuild; gaveUp?: boolean }

/** How long to look for the build a publish asked for (none comes where publishing is off). */
const FIND_BUILD_MS = 8_000

/**
 * Beside the Publish button: once the editor publishes, the site build it started, followed
 * until the change is live ("Live on the site — view page") or the build failed (what happened
 * and where to look), without a reload. Site builds are found by time: the newest build created
 * with or after the publish (a publish joins a waiting build, which then carries it too).
 */
export function GoingLive() {
  const { config } = useConfig()
  const { savedDocumentData } = useDocumentInfo()
  const seen = useRef<string | undefined>(undefined)
  const [following, setFollowing] = useState<Following>()

  const updatedAt = typeof savedDocumentData?.updatedAt === 'string' ? savedDocumentData.updatedAt : undefined
  const published = savedDocumentData?._status === 'published' || savedDocumentData?._status === undefined
  useEffect(() => {
    // The document as it opened is no publish of this visit; each save after it may be.
    if (seen.current === undefined) {
      seen.current = updatedAt ?? ''
      return
    }
    if (updatedAt && updatedAt !== seen.current) {
      seen.current = updatedAt
      if (published) setFollowing({ since: updatedAt })
    }
  }, [updatedAt, published])

  useEffect(() => {
    if (!following || following.gaveUp || following.build?.status === 'live' || following.build?.status === 'failed') return
    const since = new Date(new Date(following.since).getTime() - 2_000).toISOString()
    const started = Date.now()
    const timer = setInterval(async () => {
      const url = `${config.serverURL}${config.routes.api}/site-builds?sort=-createdAt&limit=1&depth=0&where[updatedAt][greater_than_equal]=${encodeURIComponent(since)}`
      const body = (await fetch(url, { credentials: 'include' }).then(
        (r) => r.json(),
        () => undefined,
      )) as { docs?: SiteBuild[] } | undefined
      const build = body?.docs?.[0]
      if (build) setFollowing((current) => (current?.since === following.since ? { ...current, build } : current))
      else if (Date.now() - started > FIND_BUILD_MS) setFollowing((current) => current && { ...current, gaveUp: true })
    }, 700)
    return () => clearInterval(timer)
  }, [following, config.serverURL, config.routes.api])

  if (!following || following.gaveUp) return null
  const { build } = following
  const buildLink = build && `${config.routes.admin}/collections/site-builds/${build.id}`
  return (
    <div className="going-live" role="status" aria-live="polite">
      {(!build || build.status === 'queued' || build.status === 'running') && <span>Publishing to the public site…</span>}
      {build?.status === 'live' && (
        <span>
          Live on the site{build.changedPath ? ' — ' : '.'}
          {build.changedPath && (
            <a href={build.changedPath} target="_blank" rel="noopener noreferrer">
              view page
            </a>
          )}
        </span>
      )}
      {build?.status === 'failed' && (
        <span className="going-live--failed">
          The site could not be built, so this change is not live yet; the site still shows the version before. See <a href={buildLink}>the build’s log</a>, fix
          what it names, and publish again (or use “Rebuild now” in Site builds).
        </span>
      )}
    </div>
  )
}
