import type { Block } from 'payload'

export const FinancialBreakdown: Block = {
  slug: 'financialBreakdown',
  labels: { singular: 'Financial breakdown', plural: 'Financial breakdowns' },
  interfaceName: 'FinancialBreakdownBlock',
  fields: [
    { name: 'heading', type: 'text', required: true, maxLength: 120, defaultValue: 'Where the money came from and went' },
    {
      name: 'currency',
      type: 'select',
      required: true,
      defaultValue: 'USD',
      options: [
        { label: 'US dollars', value: 'USD' },
        { label: 'Euros', value: 'EUR' },
        { label: 'Pounds sterling', value: 'GBP' },
        { label: 'Israeli shekels', value: 'ILS' },
      ],
    },
    {
      name: 'lines',
      type: 'array',
      // At least one line is needed before publishing, but checked there (checks/rules.ts), not
      // here: a "required" block field marks a block as wrong the moment it is inserted.
      maxRows: 30,
      labels: { singular: 'Line', plural: 'Lines' },
      fields: [
        {
          // No default: a line put under the wrong side silently changes both totals.
          name: 'kind',
          type: 'select',
          required: true,
          options: [
            { label: 'Income', value: 'income' },
            { label: 'Expense', value: 'expense' },
          ],
          admin: { description: 'Money in (income) or out (expense).' },
        },
        { name: 'label', type: 'text', required: true, maxLength: 120 },
        {
          name: 'amount',
          type: 'number',
          required: true,
          min: 0,
          admin: { description: 'In the currency chosen above, without its sign or separators: 125000 for $125,000.' },
        },
      ],
    },
    { name: 'note', type: 'textarea', maxLength: 600, admin: { description: 'e.g. "Unaudited figures."' } },
  ],
}
