import { adminLog } from '../adminLog'

/**
 * The log of subscriber CSV exports (collections/Subscribers/export.ts): who took the list out of
 * the CMS, when, which part of it and how many people. Written by the system once a download has
 * been sent whole; the file itself is never stored.
 */
export const SubscriberExports = adminLog({
  slug: 'subscriber-exports',
  labels: { singular: 'Export', plural: 'Exports' },
  admin: {
    defaultColumns: ['createdAt', 'exportedBy', 'selection', 'rows'],
    description: 'Every subscriber list downloaded: when, by whom, which subscribers and how many. Export from the Subscribers list.',
  },
  fields: [
    { name: 'exportedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    {
      name: 'selection',
      label: 'Subscribers exported',
      type: 'text',
      admin: {
        readOnly: true,
        description: 'The list filter: confirmed, pending, unsubscribed, all, or filtered (the admin’s own filter); "-search" when a search narrowed it.',
      },
    },
    { name: 'rows', label: 'Rows', type: 'number', admin: { readOnly: true } },
  ],
})
