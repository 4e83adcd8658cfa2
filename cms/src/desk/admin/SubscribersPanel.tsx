import type { SubscriberFigures } from '../loadDesk'
import { DeskSection } from './DeskSection'
import { LocalTime } from './LocalTime'
import { SignupsChart } from './SignupsChart'

const EXPORTED = { confirmed: 'confirmed subscribers', pending: 'pending subscribers', unsubscribed: 'unsubscribed people', all: 'everyone' } as const

/** For admins: the list by status, sign-ups per week, confirmations stuck, and the last export. */
export function SubscribersPanel({ figures }: { figures: SubscriberFigures }) {
  const { byStatus, pendingOver48h, lastExport } = figures
  const exported = lastExport?.selection && lastExport.selection in EXPORTED ? EXPORTED[lastExport.selection as keyof typeof EXPORTED] : 'a filtered list'
  return (
    <DeskSection id="desk-subscribers" heading="Get the Wire subscribers">
      <ul className="desk__figures">
        <li>
          <a href="/admin/collections/subscribers?where[status][equals]=confirmed">
            <strong>{byStatus.confirmed.toLocaleString('en')}</strong> confirmed
          </a>
        </li>
        <li>
          <a href="/admin/collections/subscribers?where[status][equals]=pending">
            <strong>{byStatus.pending.toLocaleString('en')}</strong> pending
          </a>
        </li>
        <li>
          <a href="/admin/collections/subscribers?where[status][equals]=unsubscribed">
            <strong>{byStatus.unsubscribed.toLocaleString('en')}</strong> unsubscribed
          </a>
        </li>
      </ul>
      <SignupsChart weekly={figures.weekly} />
      <p>
        {pendingOver48h === 0
          ? 'No confirmation has waited more than 48 hours.'
          : `${pendingOver48h.toLocaleString('en')} ${pendingOver48h === 1 ? 'person has' : 'people have'} not confirmed for more than 48 hours: their email may have gone to spam or bounced.`}
      </p>
      <p>
        {lastExport ? (
          <>
            Last export: <LocalTime iso={lastExport.createdAt} />, {(lastExport.rows ?? 0).toLocaleString('en')} rows ({exported}).
          </>
        ) : (
          'The list has not been exported yet.'
        )}
      </p>
    </DeskSection>
  )
}
