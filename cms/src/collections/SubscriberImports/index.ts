import { adminLog } from '../adminLog'

/**
 * The log of lists imported (collections/Subscribers/importEndpoints.ts): who, when, from which
 * file and source, and what it did. The file itself is not kept.
 */
export const SubscriberImports = adminLog({
  slug: 'subscriber-imports',
  labels: { singular: 'Import', plural: 'Imports' },
  admin: {
    defaultColumns: ['createdAt', 'importedBy', 'fileName', 'source', 'summary'],
    description: 'Every list imported: when, by whom, from which file, where its people gave consent, and what it did. Import from the Subscribers list.',
  },
  fields: [
    { name: 'importedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'fileName', type: 'text', admin: { readOnly: true } },
    { name: 'source', label: 'Where they gave consent', type: 'text', admin: { readOnly: true } },
    { name: 'summary', type: 'textarea', admin: { readOnly: true } },
  ],
})
