import type { Desk } from '../loadDesk'
import { CancelScheduledButton } from './CancelScheduledButton'
import { DeskSection } from './DeskSection'
import { LocalTime } from './LocalTime'
import { MoreNote } from './MoreNote'

/** Publications set for later, soonest first: what, when, by whom, and a way to cancel. */
export function ScheduledList({ scheduled }: { scheduled: NonNullable<Desk['scheduled']> }) {
  return (
    <DeskSection id="desk-scheduled" heading="Scheduled" count={scheduled.total}>
      {scheduled.items.length === 0 ? (
        <p>Nothing is scheduled. Schedule a publication from a draft’s “Publish” menu.</p>
      ) : (
        <ul className="desk__list">
          {scheduled.items.map((item) => {
            const what = `${item.action === 'publish' ? 'Publish' : 'Unpublish'} ${item.title}`
            return (
              <li key={item.jobId} className="desk__scheduled">
                <span>
                  {item.action === 'publish' ? 'Publish' : 'Unpublish'} <a href={item.editPath}>{item.title}</a>{' '}
                  <span className="desk__kind">({item.kind})</span> on <LocalTime iso={item.at} />
                  {item.by && <> (set by {item.by})</>}
                </span>
                <CancelScheduledButton jobId={item.jobId} what={what} />
              </li>
            )
          })}
        </ul>
      )}
      <MoreNote shown={scheduled.items.length} total={scheduled.total} />
    </DeskSection>
  )
}
