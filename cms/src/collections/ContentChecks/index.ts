import type { CollectionConfig } from 'payload'

import { isStaff } from '../../access/isStaff'
import { dateAndTime } from '../../fields/dateAndTime'
import { REVIEWABLE_COLLECTIONS, REVIEWABLE_GLOBALS } from '../ReviewRequests/reviewTargets'

/**
 * The checks' findings for each document and global as last saved (drafts included), written by
 * the system on every save (checks/hooks.ts), after an external link's check, and by "Check the
 * whole site": the edit view's checks panel, the desk's counts and the site report read them.
 */
export const ContentChecks: CollectionConfig = {
  slug: 'content-checks',
  labels: { singular: 'Content check', plural: 'Content checks' },
  access: { read: isStaff, create: () => false, update: () => false, delete: () => false },
  lockDocuments: false,
  admin: { hidden: true, useAsTitle: 'title' },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true, admin: { description: '"faqs:12", or a global\'s slug.' } },
    { name: 'target', type: 'select', required: true, options: [...REVIEWABLE_COLLECTIONS, ...REVIEWABLE_GLOBALS] },
    { name: 'documentId', type: 'number' },
    { name: 'title', type: 'text' },
    { name: 'errors', type: 'number', required: true, defaultValue: 0, index: true },
    { name: 'warnings', type: 'number', required: true, defaultValue: 0 },
    { name: 'findings', type: 'json', required: true, defaultValue: [] },
    { name: 'externalLinks', type: 'textarea', admin: { description: 'The external addresses the document links to, one per line.' } },
    dateAndTime({ name: 'checkedAt' }),
  ],
}
