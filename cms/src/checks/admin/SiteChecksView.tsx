import type { AdminViewServerProps } from 'payload'

import { mayPublish } from '../../access/roles'
import { AdminPage } from '../../adminViews/AdminPage'
import { editPath } from '../../collections/ReviewRequests/reviewTargets'
import { LocalTime } from '../../desk/admin/LocalTime'
import type { Finding } from '../findings'
import { CheckSiteButton } from './CheckSiteButton'

/**
 * /admin/site-checks, for editors and admins: every finding of the checks across the site's
 * documents and globals as last checked (on each save, or "Check the whole site now"), the
 * documents with problems to fix first.
 */
export async function SiteChecksView(view: AdminViewServerProps) {
  const { req } = view.initPageResult
  if (!mayPublish(req.user)) {
    return (
      <AdminPage view={view} className="site-checks">
        <h1>Site checks</h1>
        <p>Only editors and admins can check the whole site. Your own drafts’ checks are shown beside each draft.</p>
      </AdminPage>
    )
  }
  const { docs } = await req.payload.find({
    collection: 'content-checks',
    where: { or: [{ errors: { greater_than: 0 } }, { warnings: { greater_than: 0 } }] },
    sort: ['-errors', '-warnings', 'title'],
    depth: 0,
    pagination: false,
  })
  const latest = (await req.payload.find({ collection: 'content-checks', sort: '-checkedAt', limit: 1, depth: 0, select: { checkedAt: true } })).docs[0]
  return (
    <AdminPage view={view} className="site-checks">
      <h1>Site checks</h1>
      <p>
        The checks before publishing, over every page’s content as it stands (drafts included): problems to fix block publishing; warnings do not.
        {latest?.checkedAt && (
          <>
            {' '}
            Last checked <LocalTime iso={latest.checkedAt} />.
          </>
        )}
      </p>
      <CheckSiteButton />
      {docs.length === 0 ? (
        <p>Nothing to fix anywhere.</p>
      ) : (
        docs.map((row) => {
          const findings = Array.isArray(row.findings) ? (row.findings as Finding[]) : []
          return (
            <section key={row.id} className="site-checks__document" aria-labelledby={`checks-${row.id}`}>
              <h2 id={`checks-${row.id}`}>
                <a href={editPath(row.target, row.documentId)}>{row.title}</a>{' '}
                <span className="site-checks__counts">
                  {row.errors > 0 && `${row.errors} to fix`}
                  {row.errors > 0 && row.warnings > 0 && ' · '}
                  {row.warnings > 0 && `${row.warnings} ${row.warnings === 1 ? 'warning' : 'warnings'}`}
                </span>
              </h2>
              <ul>
                {findings.map((finding, index) => (
                  <li key={index} className={finding.severity === 'error' ? 'site-checks__error' : undefined}>
                    <strong>
                      {finding.severity === 'error' ? 'To fix' : 'Warning'}: {finding.place}.
                    </strong>{' '}
                    {finding.message}
                  </li>
                ))}
              </ul>
            </section>
          )
        })
      )}
    </AdminPage>
  )
}
