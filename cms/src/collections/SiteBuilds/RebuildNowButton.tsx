'use client'
import { Button } from '@payloadcms/ui'

import { useSiteBuildAction } from './useSiteBuildAction'

/** Above the list of builds: queue a fresh build of the published content. */
export function RebuildNowButton() {
  const rebuild = useSiteBuildAction('', { body: {}, success: 'A build is queued; it shows up below.', failure: 'Could not queue a build' })
  if (!rebuild.allowed) return null

  return (
    <div className="rebuild-now">
      <Button buttonStyle="primary" disabled={rebuild.busy} onClick={rebuild.run} margin={false}>
        {rebuild.busy ? 'Queuing…' : 'Rebuild now'}
      </Button>
    </div>
  )
}
