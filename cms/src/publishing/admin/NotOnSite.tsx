'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { SiteBuild } from '../../payload-types'

type SiteState = { live?: SiteBuild; pending: boolean }

/**
 * Beside Publish on a published document: says so when the public site does not show this
 * version, because the live build read the content before it was published (an editor rolled the
 * site back, or the build after it failed) and no build is on its way. Quiet otherwise, and while
 * a build is queued or running (GoingLive follows that one).
 */
export function NotOnSite() {
  const { config } = useConfig()
  const { savedDocumentData } = useDocumentInfo()
  const [site, setSite] = useState<SiteState>()
  const updatedAt = typeof savedDocumentData?.updatedAt === 'string' ? savedDocumentData.updatedAt : undefined
  const published = savedDocumentData?._status === 'published'

  useEffect(() => {
    if (!published) return
    let current = true
    const builds = (where: string) =>
      fetch(`${config.serverURL}${config.routes.api}/site-builds?${where}&limit=1&depth=0&sort=-createdAt`, { credentials: 'include' })
        .then((response) => response.json() as Promise<{ docs?: SiteBuild[] }>)
        .then((body) => body.docs?.[0])
    Promise.all([builds('where[status][equals]=live'), builds('where[status][in]=queued,running')])
      .then(([live, pending]) => current && setSite({ live, pending: Boolean(pending) }))
      .catch(() => {})
    return () => {
      current = false
    }
  }, [published, updatedAt, config.serverURL, config.routes.api])

  const live = site?.live
  const readAt = live?.startedAt ?? live?.createdAt
  if (!published || !updatedAt || !site || site.pending || !live || !readAt || new Date(updatedAt) <= new Date(readAt)) return null
  return (
    <p className="not-on-site" role="note">
      Not on the public site yet: the site shows {live.rolledBackAt ? 'an earlier build an editor made live again' : 'a build made before this was published'}.
      Publish again, or press “Rebuild now” under <a href={`${config.routes.admin}/collections/site-builds`}>Site builds</a>, to put it live.
    </p>
  )
}
