import type { CollectionConfig } from 'payload'

import { isAdminField } from '../../access/isAdmin'
import { isStaff } from '../../access/isStaff'
import { dateAndTime } from '../../fields/dateAndTime'

/**
 * What each external address linked from content answered when the job runner last tried it
 * (checks/externalLinks.ts), kept a day: the checks before publishing read it, and never wait on
 * the network themselves. Only the system writes it. Staff read each address's outcome; why it
 * failed and when (the error, the time it took, the times of the check) only admins read or
 * query: with them a writer could map the CMS's own network by the links they save.
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
    { name: 'detail', type: 'text', access: { read: isAdminField } },
    dateAndTime({ name: 'checkedAt', index: true, access: { read: isAdminField } }),
    // Payload's own timestamps, declared to restrict them: updatedAt is set when a check starts and ends.
    { name: 'updatedAt', type: 'date', index: true, access: { read: isAdminField }, admin: { hidden: true } },
    { name: 'createdAt', type: 'date', index: true, access: { read: isAdminField }, admin: { hidden: true } },
  ],
}
