import type { Desk } from '../loadDesk'
import { DeskSection } from './DeskSection'
import { LocalTime } from './LocalTime'
import { MoreNote } from './MoreNote'

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
      {mine && drafts.items.length > 0 && <p className="desk__hint">Open a draft and press “Ask for review” when it is ready for an editor.</p>}
    </DeskSection>
  )
}
