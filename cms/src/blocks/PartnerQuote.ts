import type { Block } from 'payload'

export const PartnerQuote: Block = {
  slug: 'partnerQuote',
  labels: { singular: 'Partner quote', plural: 'Partner quotes' },
  interfaceName: 'PartnerQuoteBlock',
  fields: [
    { name: 'quote', type: 'textarea', required: true, maxLength: 1200 },
    { name: 'name', type: 'text', required: true, maxLength: 120, admin: { description: 'Who said it.' } },
    { name: 'role', type: 'text', maxLength: 160, admin: { description: 'Their role or title (optional).' } },
    { name: 'organization', type: 'text', maxLength: 160 },
  ],
}
