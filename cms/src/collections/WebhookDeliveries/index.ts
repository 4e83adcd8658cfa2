import { dateAndTime } from '../../fields/dateAndTime'
import { WEBHOOK_EVENTS } from '../../newsletter/webhooks'
import { adminLog } from '../adminLog'
import { sendAgainEndpoint } from './sendAgain'

/**
 * The webhooks' outbox and delivery log: one row per call to make, written in the same
 * transaction as the subscriber's change by a database trigger (migrations: webhooks), so no
 * confirm, unsubscribe or erasure is ever missed; sent and retried by the job runner
 * (newsletter/webhooks.ts). Admins read it and can send a call again; nobody edits it.
 */
export const WebhookDeliveries = adminLog({
  slug: 'webhook-deliveries',
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    useAsTitle: 'event',
    defaultColumns: ['createdAt', 'event', 'webhook', 'subscriberNumber', 'state', 'attempts', 'lastResult'],
    description:
      'Every call to your mailing tool: waiting, retrying (with what went wrong), delivered, or withdrawn (the person was erased, or the webhook deleted, before it went: it keeps no one’s details). Calls for one person go in order; a failed one is tried again, later each time, until it succeeds.',
    components: { edit: { beforeDocumentControls: ['/collections/WebhookDeliveries/admin/SendAgainButton#SendAgainButton'] } },
  },
  endpoints: [sendAgainEndpoint],
  // The sender looks up each person's earlier calls to a webhook (newsletter/webhooks.ts).
  indexes: [{ fields: ['webhook', 'subscriberNumber'] }],
  fields: [
    { name: 'webhook', type: 'relationship', relationTo: 'webhooks', admin: { readOnly: true } },
    { name: 'event', type: 'select', options: WEBHOOK_EVENTS.map((value) => ({ label: value, value })), admin: { readOnly: true } },
    { name: 'subscriberNumber', label: 'Subscriber no.', type: 'number', admin: { readOnly: true } },
    {
      name: 'state',
      type: 'select',
      defaultValue: 'waiting',
      index: true,
      options: [
        { label: 'Waiting', value: 'waiting' },
        { label: 'Retrying', value: 'retrying' },
        { label: 'Delivered', value: 'delivered' },
        // Never sent, and never will be: the person was erased, or the webhook deleted, first. It keeps the event, not the person.
        { label: 'Withdrawn', value: 'withdrawn' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, admin: { readOnly: true, position: 'sidebar' } },
    {
      name: 'lastResult',
      type: 'text',
      admin: { readOnly: true, position: 'sidebar', description: 'The receiver’s answer to the last try, or why there was none.' },
    },
    dateAndTime({ name: 'nextAttemptAt', label: 'Next try', index: true, admin: { position: 'sidebar' } }),
    dateAndTime({ name: 'deliveredAt', admin: { position: 'sidebar' } }),
    { name: 'lockedUntil', type: 'date', admin: { hidden: true } },
    { name: 'body', type: 'json', admin: { hidden: true } },
    { name: 'callBody', type: 'ui', admin: { components: { Field: '/collections/WebhookDeliveries/admin/CallBody#CallBody' } } },
  ],
})
