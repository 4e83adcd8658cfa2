import type { SiteStatus } from '../loadDesk'
import { DeskSection } from './DeskSection'
import { LocalTime } from './LocalTime'

const STATUS_TEXT = { queued: 'Waiting to build', running: 'Building now', live: 'Live', previous: 'Not live (an earlier build is)', failed: 'Failed' } as const

/**
 * The public site: the last build, what started it and when, and a link to the page it changed;
 * a failed build in red, with the end of its log and what to do, and when the live site was built.
 */
export function SitePanel({ site }: { site: SiteStatus }) {
  return (
    <DeskSection id="desk-site" heading="The live site">
      {!site ? (
        <p>No build has run yet: the site is built when something is first published, or with “Rebuild now” under Site builds.</p>
      ) : (
        <div className={site.last.status === 'failed' ? 'desk__build desk__build--failed' : 'desk__build'}>
          <p>
            <strong>Last build: {STATUS_TEXT[site.last.status]}</strong>, started <LocalTime iso={site.last.createdAt} />
            {site.last.requestedBy && <> by {site.last.requestedBy}</>}: {site.last.reason}.{' '}
            <a href={`/admin/collections/site-builds/${site.last.id}`}>Open the build</a>
            {' · '}
            <a href={site.last.changedPath || site.siteUrl} target="_blank" rel="noopener">
              View the {site.last.changedPath ? 'page it changed' : 'site'}
            </a>
          </p>
          {site.live?.rolledBack && (
            <p className="desk__rolled-back">
              <strong>Rolled back:</strong> the public sees the build from {site.live.finishedAt ? <LocalTime iso={site.live.finishedAt} /> : 'before'}, made
              live again {site.live.rolledBack.by && <>by {site.live.rolledBack.by} </>}
              on <LocalTime iso={site.live.rolledBack.at} />. What was published after that build is not on the site until it is published again or the site is
              rebuilt (“Rebuild now” under Site builds). <a href={`/admin/collections/site-builds/${site.live.id}`}>Open the live build</a>
            </p>
          )}
          {site.last.status === 'failed' && (
            <>
              <p>
                The public still sees the build from {site.live?.finishedAt ? <LocalTime iso={site.live.finishedAt} /> : 'before'}: nothing is lost. Read the
                end of the log below; if it names a page or a field, fix it and publish again; otherwise press “Rebuild now” under Site builds, and tell whoever
                runs the server if it fails again.
              </p>
              {site.last.logTail && (
                <pre className="desk__log" aria-label="The end of the failed build's log">
                  {site.last.logTail}
                </pre>
              )}
            </>
          )}
        </div>
      )}
    </DeskSection>
  )
}
