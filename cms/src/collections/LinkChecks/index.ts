import type { CollectionConfig } from 'payload'

import { isStaff } from '../../access/isStaff'
import { dateAndTime } from '../../fields/dateAndTime'

/**
 * What each external address linked from content answered when the job runner last tried it
 * (checks/externalLinks.ts), kept a day: the checks before publishing read it, and never wait on
 * the network themselves. Only the system writes it.
 */
export const LinkChecks: CollectionConfig = {
  slug: 'link-checks',
  labels: { singular: 'Link check', plural: 'Link checks' },
  access: { read: isStaff, create: () => false, update: () => false, delete: () => false },
  lockDocuments: false,
  admin: { hidden: true, useAsTitle: 'url' },
  fields: [
    { name: 'url', type: 'text', required: true, unique: true, index: true },
    {
      name: 'state',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: [
        { label: 'Waiting to be checked', value: 'queued' },
        { label: 'Being checked', value: 'checking' },
        { label: 'Answers', value: 'ok' },
        { label: 'Failed', value: 'failed' },
        { label: 'Not checked: not a public address', value: 'refused' },
      ],
    },
    { name: 'detail', type: 'text' },
    dateAndTime({ name: 'checkedAt', index: true }),
  ],
}
