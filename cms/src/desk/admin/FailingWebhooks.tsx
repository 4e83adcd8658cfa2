import type { WebhookHealth } from '../../newsletter/webhookHealth'
import { DeskSection } from './DeskSection'
import { LocalTime } from './LocalTime'

/** For admins, only while some are failing: the webhooks whose calls do not get through, why in words, and where to fix and test them. */
export function FailingWebhooks({ webhooks }: { webhooks: WebhookHealth[] }) {
  return (
    <DeskSection id="desk-webhooks" heading="Webhooks failing" count={webhooks.length} className="desk__section--warning">
      <ul>
        {webhooks.map((webhook) => (
          <li key={webhook.id}>
            <a href={`/admin/collections/webhooks/${webhook.id}`}>{webhook.name}</a>: failing since <LocalTime iso={webhook.failingSince!} />, {webhook.problem}
            . {webhook.waiting.toLocaleString('en')} {webhook.waiting === 1 ? 'call is' : 'calls are'} waiting. Fix the address on the webhook’s page, then
            press “Send a test call” there.
          </li>
        ))}
      </ul>
    </DeskSection>
  )
}
