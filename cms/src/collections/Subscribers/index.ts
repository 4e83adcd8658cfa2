import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { SIGNUP_LIMITS } from '../../contract'
import { spreadsheetSafe } from '../../newsletter/spreadsheetSafe'
import { confirmedByThemselvesOnly } from './confirmedByThemselves'
import { normalizeEmail } from './normalizeEmail'

export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  labels: { singular: 'Subscriber', plural: 'Subscribers' },
  // Every signed-in account reads document locks; a lock here would tell writers which subscriber
  // an admin has open.
  lockDocuments: false,
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
    description: '"Get the Wire" sign-ups. Only confirmed addresses receive the newsletter. Deleting a subscriber erases them completely.',
  },
  // Erasing a subscriber also erases their sign-ups and queued emails (foreign keys with cascade,
  // newsletter/tables.ts).
  hooks: { beforeValidate: [normalizeEmail], beforeChange: [confirmedByThemselvesOnly] },
  fields: [
    spreadsheetSafe({
      name: 'email',
      type: 'email',
      required: true,
      admin: { description: 'Stored as entered, with the domain in lower case.' },
    }),
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
        spreadsheetSafe({ name: 'firstName', type: 'text', maxLength: SIGNUP_LIMITS.firstName }),
        spreadsheetSafe({ name: 'lastName', type: 'text', maxLength: SIGNUP_LIMITS.lastName }),
        spreadsheetSafe({ name: 'postalCode', type: 'text', maxLength: SIGNUP_LIMITS.postalCode }),
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
        spreadsheetSafe({ name: 'consentText', type: 'textarea', admin: { readOnly: true } }),
        spreadsheetSafe({ name: 'consentVersion', type: 'text', admin: { readOnly: true } }),
        { name: 'consentedAt', type: 'date', admin: { readOnly: true } },
        spreadsheetSafe({ name: 'sourcePage', type: 'text', admin: { readOnly: true, description: 'Where they signed up.' } }),
      ],
    },
    { name: 'confirmedAt', type: 'date', admin: { position: 'sidebar', readOnly: true } },
    { name: 'unsubscribedAt', type: 'date', admin: { position: 'sidebar', readOnly: true } },
    {
      name: 'confirmationRequestedAt',
      type: 'date',
      admin: { position: 'sidebar', readOnly: true, description: 'When a confirmation email was last requested.' },
    },
  ],
}
