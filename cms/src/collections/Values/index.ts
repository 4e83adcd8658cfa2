import type { CollectionConfig } from 'payload'
import { slugField } from '../../fields/slug'

import { collectionPreview } from '../../publishing/preview'
import { editorialCollection } from '../editorialCollection'

const preview = collectionPreview('values')

export const Values: CollectionConfig = editorialCollection({
  slug: 'values',
  labels: { singular: 'Core value', plural: 'Core values' },
  orderable: true,
  admin: {
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: ['title', 'summary', '_status', 'updatedAt'],
    description: 'The core values, in the order they appear on the site. Editors drag rows to reorder.',
    ...preview.admin,
  },
  endpoints: [preview.endpoint],
  fields: [
    {
      name: 'title',
      type: 'text',
      required: true,
      maxLength: 120,
      admin: { description: 'The value as a short heading, e.g. "Accountability to Palestinian Partners".' },
    },
    slugField('title', 'Filled from the title on first save; used in links.'),
    {
      name: 'summary',
      type: 'textarea',
      required: true,
      maxLength: 400,
      admin: { description: 'One or two sentences shown on the home page.' },
    },
    {
      name: 'body',
      type: 'richText',
      admin: { description: 'The full text shown on the values page.' },
    },
  ],
})
