import type { Payload } from 'payload'

import type { User } from '../../payload-types'
import { loadDesk } from '../loadDesk'
import { DraftsList } from './DraftsList'
import { FailingWebhooks } from './FailingWebhooks'
import { ReviewRequestsList } from './ReviewRequestsList'
import { ScheduledList } from './ScheduledList'
import { SitePanel } from './SitePanel'
import { SubscribersPanel } from './SubscribersPanel'

/**
 * The admin's home page, above the collection cards: what needs this person. Editors and admins
 * see writers' review requests first, then every draft waiting, what is scheduled and how the
 * live site is; admins also the subscriber list's figures; writers their own drafts and requests.
 * A server component: the figures are read on the server and nothing but two buttons ships to
 * the browser.
 */
export async function Desk({ payload, user }: { payload: Payload; user?: User | null }) {
  if (!user || user.collection !== 'users') return null
  const desk = await loadDesk(payload, user)
  return (
    <section className="desk" aria-labelledby="desk-heading">
      <h2 id="desk-heading">What needs you</h2>
      {desk.reviewRequests && <ReviewRequestsList heading="Asked for review" requests={desk.reviewRequests} />}
      <DraftsList drafts={desk.drafts} mine={desk.role === 'writer'} />
      {desk.myRequests && <ReviewRequestsList heading="Your review requests" requests={{ items: desk.myRequests, total: desk.myRequests.length }} mine />}
      {desk.scheduled && <ScheduledList scheduled={desk.scheduled} />}
      {desk.site !== undefined && <SitePanel site={desk.site} />}
      {desk.failingWebhooks && desk.failingWebhooks.length > 0 && <FailingWebhooks webhooks={desk.failingWebhooks} />}
      {desk.subscribers && <SubscribersPanel figures={desk.subscribers} />}
    </section>
  )
}
