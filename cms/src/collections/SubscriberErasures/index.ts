import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { dateAndTime } from '../../fields/dateAndTime'

/**
 * The audit trail of erasures (collections/Subscribers/erase.ts): that one happened, when, by
 * whom and what went, and nothing that identifies the person erased. Written by the system only.
 */
export const SubscriberErasures: CollectionConfig = {
  slug: 'subscriber-erasures',
  labels: { singular: 'Erasure', plural: 'Erasures' },
  lockDocuments: false,
  disableDuplicate: true,
  access: { read: isAdmin, create: () => false, update: () => false, delete: () => false },
  defaultSort: '-createdAt',
  admin: {
    group: 'Newsletter',
    useAsTitle: 'createdAt',
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
  ],
  timestamps: true,
}
