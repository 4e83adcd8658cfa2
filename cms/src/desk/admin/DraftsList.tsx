import type { Desk, DraftWaiting } from '../loadDesk'
import { DeskSection } from './DeskSection'
import { LocalTime } from './LocalTime'
import { MoreNote } from './MoreNote'

/** What the checks before publishing found: problems that block publishing first. */
function ChecksCount({ checks }: { checks: DraftWaiting['checks'] }) {
  if (!checks) return <span className="desk__kind">Not checked</span>
  if (checks.errors > 0) return <strong className="desk__blocked">{checks.errors} to fix</strong>
  if (checks.warnings > 0) return <span>{`${checks.warnings} ${checks.warnings === 1 ? 'warning' : 'warnings'}`}</span>
  return <span>Ready</span>
}

/** Drafts with unpublished changes, oldest first: what, who changed it and when, and where to open and preview it. */
export function DraftsList({ drafts, mine }: { drafts: Desk['drafts']; mine: boolean }) {
  const heading = mine ? 'Your drafts' : 'Drafts waiting for publication'
  return (
    <DeskSection id="desk-drafts" heading={heading} count={drafts.total}>
      {drafts.items.length === 0 ? (
        <p>{mine ? 'You have no unpublished changes.' : 'Nothing waits: everything saved is published.'}</p>
      ) : (
        <table className="desk__table">
          <thead>
            <tr>
              <th scope="col">Draft</th>
              <th scope="col">Kind</th>
              <th scope="col">Changed</th>
              <th scope="col">Checks</th>
              <th scope="col">
                <span className="visually-hidden">Preview</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.items.map((draft) => (
              <tr key={`${draft.target}:${draft.id}`}>
                <td>
                  <a href={draft.editPath}>{draft.title}</a>
                </td>
                <td>{draft.kind}</td>
                <td>
                  <LocalTime iso={draft.changedAt} />
                  {draft.changedBy && !mine && <> by {draft.changedBy}</>}
                </td>
                <td>
                  <ChecksCount checks={draft.checks} />
                </td>
                <td>
                  {draft.previewUrl && (
                    <a href={draft.previewUrl} target="_blank" rel="noopener">
                      Preview<span className="visually-hidden"> {draft.title}</span>
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <MoreNote shown={drafts.items.length} total={drafts.total} />
      {!mine && (
        <p className="desk__hint">
          <a href="/admin/site-checks">Site checks</a>: every problem the checks before publishing found, across the site.
        </p>
      )}
      {mine && drafts.items.length > 0 && <p className="desk__hint">Open a draft and press “Ask for review” when it is ready for an editor.</p>}
    </DeskSection>
  )
}
