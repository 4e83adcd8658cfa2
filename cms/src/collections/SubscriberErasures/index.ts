import { adminLog } from '../adminLog'
import { dateAndTime } from '../../fields/dateAndTime'

/**
 * The audit trail of erasures (collections/Subscribers/erase.ts): that one happened, when, by
 * whom and what went, and nothing that identifies the person erased. Written by the system only.
 */
export const SubscriberErasures = adminLog({
  slug: 'subscriber-erasures',
  labels: { singular: 'Erasure', plural: 'Erasures' },
  admin: {
    defaultColumns: ['createdAt', 'erasedBy', 'statusAtErasure', 'signupsErased', 'emailsDropped'],
    description: 'Every subscriber erased: when, by whom, and what went. The address is not kept.',
  },
  fields: [
    { name: 'subscriberNumber', label: 'Subscriber no.', type: 'number', admin: { readOnly: true } },
    { name: 'statusAtErasure', type: 'text', admin: { readOnly: true } },
    dateAndTime({ name: 'onListSince', label: 'On the list since' }),
    { name: 'signupsErased', label: 'Sign-up records erased', type: 'number', admin: { readOnly: true } },
    { name: 'emailsDropped', label: 'Queued emails dropped', type: 'number', admin: { readOnly: true } },
    { name: 'erasedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    {
      // A keyed hash of the address (Subscribers/erase.ts): not the address, but enough to drop a
      // sign-up of theirs that reaches the CMS after the erasure from a site server's journal.
      name: 'addressHash',
      type: 'text',
      index: true,
      admin: { hidden: true },
    },
  ],
})
