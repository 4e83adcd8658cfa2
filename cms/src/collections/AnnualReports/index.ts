import type { CollectionConfig } from 'payload'

import { REPORT_BLOCKS } from '../../blocks/reportBlocks'
import { deriveFromHebrewYear, hebrewYearFields, refuseMalformedHebrewYear } from '../../fields/hebrewYear'
import { siteEditor } from '../../fields/siteEditor'
import { collectionPreview } from '../../publishing/preview'
import { editorialCollection } from '../editorialCollection'

const preview = collectionPreview('annual-reports')

export const AnnualReports: CollectionConfig = editorialCollection({
  slug: 'annual-reports',
  labels: { singular: 'Annual report', plural: 'Annual reports' },
  defaultSort: '-hebrewYear',
  hooks: {
    beforeOperation: [refuseMalformedHebrewYear],
    beforeValidate: [deriveFromHebrewYear],
  },
  admin: {
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: ['title', 'hebrewYear', 'period', '_status', 'updatedAt'],
    description: 'One report per fiscal year (October to September). Drafts autosave; preview, publish now or schedule it, and restore any earlier version.',
    ...preview.admin,
  },
  endpoints: [preview.endpoint],
  fields: [
    ...hebrewYearFields,
    {
      name: 'slug',
      type: 'text',
      unique: true,
      index: true,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'The web address, /annual-reports/<slug>: the Hebrew year.',
      },
    },
    { name: 'title', type: 'text', required: true, maxLength: 160 },
    {
      name: 'summary',
      type: 'textarea',
      required: true,
      maxLength: 600,
      // The page's description for search engines and link previews.
      custom: { checks: 'searchSnippet' },
      admin: { description: 'A short teaser for the report list, the home page and link previews.' },
    },
    {
      name: 'coverImage',
      type: 'upload',
      relationTo: 'media',
      filterOptions: { mimeType: { contains: 'image' } },
    },
    {
      name: 'pdf',
      label: 'PDF version',
      type: 'upload',
      relationTo: 'media',
      filterOptions: { mimeType: { equals: 'application/pdf' } },
      admin: { description: 'Optional: the designed report as a PDF for download.' },
    },
    {
      name: 'body',
      type: 'richText',
      editor: siteEditor({ blocks: REPORT_BLOCKS }),
    },
  ],
})
