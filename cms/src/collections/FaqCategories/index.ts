import type { CollectionConfig } from 'payload'
import { slugField } from '../../fields/slug'

import { editorialCollection } from '../editorialCollection'

export const FaqCategories: CollectionConfig = editorialCollection({
  slug: 'faq-categories',
  labels: { singular: 'FAQ category', plural: 'FAQ categories' },
  orderable: true,
  admin: {
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: ['title', '_status', 'updatedAt'],
    description: 'The headings the FAQ page is grouped under, in this order. Drag rows to reorder.',
  },
  fields: [{ name: 'title', type: 'text', required: true, maxLength: 80 }, slugField('title', 'Filled from the title on first save; used in links.')],
})
