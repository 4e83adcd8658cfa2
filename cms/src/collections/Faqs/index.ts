import type { CollectionConfig } from 'payload'
import { slugField } from '../../fields/slug'

import { collectionPreview } from '../../publishing/preview'
import { editorialCollection } from '../editorialCollection'

const preview = collectionPreview('faqs')

export const Faqs: CollectionConfig = editorialCollection({
  slug: 'faqs',
  labels: { singular: 'FAQ entry', plural: 'FAQ entries' },
  orderable: true,
  admin: {
    group: 'Content',
    useAsTitle: 'question',
    defaultColumns: ['question', 'category', '_status', 'updatedAt'],
    description: 'Questions and answers for the FAQ page, in this order within each category. Editors drag rows to reorder.',
    ...preview.admin,
  },
  endpoints: [preview.endpoint],
  fields: [
    { name: 'question', type: 'text', required: true, maxLength: 200 },
    slugField('question', 'The #anchor links point to, filled from the question. Changing it breaks shared links.'),
    {
      name: 'category',
      type: 'relationship',
      relationTo: 'faq-categories',
      required: true,
      admin: { description: 'The heading this question appears under.' },
    },
    { name: 'answer', type: 'richText', required: true },
  ],
})
