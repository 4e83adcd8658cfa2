import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { SIGNUP_LIMITS } from '../../contract'
import { dateAndTime } from '../../fields/dateAndTime'
import { confirmedByThemselvesOnly } from './confirmedByThemselves'
import { eraseEndpoint } from './erase'
import { exportEndpoint, exportPreviewEndpoint } from './export'
import { importConfirmationsWaitingEndpoint, importEndpoint, importPreviewEndpoint, sendImportConfirmationsEndpoint } from './importEndpoints'
import { normalizeEmail } from './normalizeEmail'
import { afterUnsubscribe, statusChangesByHand } from './statusByHand'

export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  labels: { singular: 'Subscriber', plural: 'Subscribers' },
  // Every signed-in account reads document locks; a lock here would tell writers which subscriber
  // an admin has open.
  lockDocuments: false,
  // A copy of a person is nobody's sign-up.
  disableDuplicate: true,
  access: {
    read: isAdmin,
    create: isAdmin,
    update: isAdmin,
    // Erasing goes through POST /api/subscribers/:id/erase (erase.ts), which says what goes and
    // leaves an audit line; Payload's own delete (and its bulk delete and generic dialog) is closed.
    delete: () => false,
  },
  admin: {
    group: 'Newsletter',
    useAsTitle: 'email',
    listSearchableFields: ['email', 'firstName', 'lastName'],
    defaultColumns: ['email', 'status', 'firstName', 'lastName', 'consentedAt', 'confirmedAt'],
    description: '"Get the Wire" sign-ups. Only confirmed addresses receive the newsletter; nobody confirms an address but its owner.',
    components: {
      beforeListTable: ['/collections/Subscribers/admin/StatusTabs#StatusTabs'],
      edit: { beforeDocumentControls: ['/collections/Subscribers/admin/EraseButton#EraseButton'] },
    },
  },
  endpoints: [
    exportPreviewEndpoint,
    exportEndpoint,
    importPreviewEndpoint,
    importEndpoint,
    importConfirmationsWaitingEndpoint,
    sendImportConfirmationsEndpoint,
    eraseEndpoint,
  ],
  hooks: {
    beforeValidate: [normalizeEmail],
    beforeChange: [confirmedByThemselvesOnly, statusChangesByHand],
    afterChange: [afterUnsubscribe],
  },
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
        { name: 'firstName', type: 'text', maxLength: SIGNUP_LIMITS.firstName },
        { name: 'lastName', type: 'text', maxLength: SIGNUP_LIMITS.lastName },
        { name: 'postalCode', type: 'text', maxLength: SIGNUP_LIMITS.postalCode },
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
      admin: {
        position: 'sidebar',
        description:
          'Choose Unsubscribed to stop sending to them; your name and the time are recorded. Only the person can confirm, or come back after unsubscribing.',
      },
    },
    {
      type: 'collapsible',
      label: 'Consent record',
      fields: [
        { name: 'consentText', type: 'textarea', admin: { readOnly: true } },
        { name: 'consentVersion', type: 'text', admin: { readOnly: true } },
        dateAndTime({ name: 'consentedAt' }),
        { name: 'sourcePage', type: 'text', admin: { readOnly: true, description: 'Where they signed up.' } },
      ],
    },
    // Indexed for the desk's weekly sign-ups chart.
    dateAndTime({ name: 'confirmedAt', index: true, admin: { position: 'sidebar' } }),
    dateAndTime({ name: 'unsubscribedAt', admin: { position: 'sidebar' } }),
    {
      name: 'unsubscribedVia',
      label: 'Unsubscribed through',
      type: 'select',
      options: [
        { label: 'The link in an email', value: 'link' },
        { label: 'An admin', value: 'admin' },
        { label: 'The imported list (they had unsubscribed there)', value: 'import' },
      ],
      admin: { position: 'sidebar', readOnly: true, condition: (data) => data?.status === 'unsubscribed' },
    },
    {
      name: 'unsubscribedBy',
      type: 'relationship',
      relationTo: 'users',
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.unsubscribedBy) },
    },
    {
      name: 'importedFrom',
      type: 'text',
      admin: {
        position: 'sidebar',
        readOnly: true,
        condition: (data) => Boolean(data?.importedFrom),
        description: 'Where the imported list said they gave consent.',
      },
    },
    dateAndTime({ name: 'confirmationRequestedAt', admin: { position: 'sidebar', description: 'When a confirmation email was last requested.' } }),
  ],
}
