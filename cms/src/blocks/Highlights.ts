import type { Block } from 'payload'

export const Highlights: Block = {
  slug: 'highlights',
  labels: { singular: 'Highlights', plural: 'Highlights' },
  interfaceName: 'HighlightsBlock',
  fields: [
    { name: 'heading', type: 'text', maxLength: 120 },
    {
      name: 'items',
      type: 'array',
      // At least one figure is needed before publishing: checked there (checks/rules.ts), not as
      // "required", which marks a block as wrong the moment it is inserted.
      maxRows: 12,
      labels: { singular: 'Figure', plural: 'Figures' },
      fields: [
        {
          name: 'figure',
          type: 'text',
          required: true,
          maxLength: 24,
          admin: { description: 'The number as it should read, e.g. "12,000" or "$1.2M".' },
        },
        {
          name: 'label',
          type: 'text',
          required: true,
          maxLength: 140,
          admin: { description: 'What the number counts, e.g. "people at our first national action".' },
        },
      ],
    },
  ],
}
