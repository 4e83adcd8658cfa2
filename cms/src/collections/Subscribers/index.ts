import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { nobody } from '../../access/nobody'
import { eraseTraces } from './eraseTraces'
import { normalizeEmail } from './normalizeEmail'

const secret = { access: { read: nobody, create: nobody, update: nobody }, admin: { hidden: true } }

export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  labels: { singular: 'Subscriber', plural: 'Subscribers' },
  access: {
    read: isAdmin,
    create: isAdmin,
    update: isAdmin,
    delete: isAdmin,
  },
  admin: {
    group: 'Newsletter',
    useAsTitle: 'email',
    defaultColumns: ['email', 'status', 'firstName', 'lastName', 'createdAt', 'confirmedAt'],
    description:
      '"Get the Wire" sign-ups. Only confirmed addresses receive the newsletter. Deleting a subscriber erases them completely.',
  },
  hooks: { beforeValidate: [normalizeEmail], afterDelete: [eraseTraces] },
  fields: [
    {
      name: 'email',
      type: 'email',
      required: true,
      admin: { description: 'Stored as entered, with the domain in lower case.' },
    },
    {
      // One address, whatever its case: the unique index that makes sign-ups race-safe.
      // Always set by normalizeEmail, so not `required` of API clients.
      name: 'emailKey',
      type: 'text',
      unique: true,
      index: true,
      admin: { hidden: true },
    },
    {
      type: 'row',
      fields: [
        { name: 'firstName', type: 'text', maxLength: 100 },
        { name: 'lastName', type: 'text', maxLength: 100 },
        { name: 'postalCode', type: 'text', maxLength: 20 },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { label: 'Pending (not yet confirmed)', value: 'pending' },
        { label: 'Confirmed', value: 'confirmed' },
        { label: 'Unsubscribed', value: 'unsubscribed' },
      ],
      admin: { position: 'sidebar' },
    },
    {
      type: 'collapsible',
      label: 'Consent record',
      fields: [
        { name: 'consentText', type: 'textarea', admin: { readOnly: true } },
        { name: 'consentVersion', type: 'text', admin: { readOnly: true } },
        { name: 'consentedAt', type: 'date', admin: { readOnly: true } },
        { name: 'sourcePage', type: 'text', admin: { readOnly: true, description: 'Where they signed up.' } },
      ],
    },
    { name: 'confirmedAt', type: 'date', admin: { position: 'sidebar', readOnly: true } },
    { name: 'unsubscribedAt', type: 'date', admin: { position: 'sidebar', readOnly: true } },
    {
      name: 'confirmationRequestedAt',
      type: 'date',
      admin: { position: 'sidebar', readOnly: true, description: 'When a confirmation email was last requested.' },
    },
    { name: 'confirmTokenHash', type: 'text', index: true, ...secret },
    { name: 'confirmTokenExpiresAt', type: 'date', ...secret },
  ],
}
