import type { CollectionConfig } from 'payload'

import { isStaff } from '../../access/isStaff'
import { dateAndTime } from '../../fields/dateAndTime'
import { publishersOrRequester } from './access'
import { askForReview } from './askForReview'
import { REVIEWABLE_COLLECTIONS, REVIEWABLE_GLOBALS } from './reviewTargets'

/**
 * A writer's "please review my draft", with an optional message: the editors see it at the top of
 * their dashboard, and publishing the draft answers it. Staff ask (POST /api/review-requests);
 * nobody edits or deletes a request by hand.
 */
export const ReviewRequests: CollectionConfig = {
  slug: 'review-requests',
  labels: { singular: 'Review request', plural: 'Review requests' },
  access: { read: publishersOrRequester, create: isStaff, update: () => false, delete: () => false },
  lockDocuments: false,
  disableDuplicate: true,
  defaultSort: '-createdAt',
  admin: {
    // Asked for from the draft ("Ask for review") and read on the desk; no form or list of its own.
    hidden: true,
    group: 'Settings',
    useAsTitle: 'title',
    defaultColumns: ['title', 'target', 'requestedBy', 'createdAt', 'state'],
    description: 'Drafts writers asked an editor to review. Publishing a draft answers its requests.',
  },
  hooks: { beforeChange: [askForReview] },
  fields: [
    {
      name: 'target',
      label: 'Kind',
      type: 'select',
      required: true,
      index: true,
      options: [...REVIEWABLE_COLLECTIONS, ...REVIEWABLE_GLOBALS],
      admin: { readOnly: true },
    },
    {
      name: 'documentId',
      label: 'Document',
      type: 'number',
      index: true,
      admin: { readOnly: true, description: 'Empty for the home page and the site settings.' },
    },
    { name: 'title', type: 'text', admin: { readOnly: true, description: 'The draft’s title when review was asked for.' } },
    { name: 'message', label: 'Message for the editors', type: 'textarea', maxLength: 1000 },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users', index: true, admin: { readOnly: true } },
    {
      name: 'state',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: [
        { label: 'Waiting for an editor', value: 'open' },
        { label: 'Published', value: 'published' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'publishedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true, position: 'sidebar' } },
    dateAndTime({ name: 'publishedAt', admin: { position: 'sidebar' } }),
  ],
}
