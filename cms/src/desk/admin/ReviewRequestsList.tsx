import type { ReviewAsked } from '../loadDesk'
import { DeskSection } from './DeskSection'
import { LocalTime } from './LocalTime'
import { MoreNote } from './MoreNote'

/**
 * Review requests: for editors, what writers asked them to look at (oldest first, with their
 * message); for a writer, their own requests and what became of them.
 */
export function ReviewRequestsList({
  heading,
  requests,
  mine = false,
}: {
  heading: string
  requests: { items: ReviewAsked[]; total: number }
  mine?: boolean
}) {
  if (mine && requests.items.length === 0) return null
  return (
    <DeskSection id="desk-requests" heading={heading} count={requests.total} className="desk__section--requests">
      {requests.items.length === 0 ? (
        <p>No writer is waiting for a review.</p>
      ) : (
        <ul className="desk__list">
          {requests.items.map((request) => (
            <li key={request.id}>
              <a href={request.editPath}>{request.title}</a> <span className="desk__kind">({request.kind})</span>
              <br />
              {request.state === 'published' ? (
                <>
                  Published by {request.publishedBy ?? 'an editor'} on <LocalTime iso={request.publishedAt ?? request.requestedAt} />
                </>
              ) : mine ? (
                <>
                  Waiting for an editor since <LocalTime iso={request.requestedAt} />
                </>
              ) : (
                <>
                  Asked by {request.requestedBy ?? 'a former account'} on <LocalTime iso={request.requestedAt} />
                </>
              )}
              {request.message && <blockquote className="desk__message">{request.message}</blockquote>}
            </li>
          ))}
        </ul>
      )}
      <MoreNote shown={requests.items.length} total={requests.total} />
    </DeskSection>
  )
}
