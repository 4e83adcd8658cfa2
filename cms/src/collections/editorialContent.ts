import type { CollectionConfig } from 'payload'

import { canPublish } from '../access/canPublish'
import { canSaveDraft } from '../access/canSaveDraft'
import { publishedOrStaff } from '../access/publishedOrStaff'
import { writersSaveDraftsOnly } from '../hooks/writersSaveDraftsOnly'

/**
 * What every piece of editorial content shares: the roles table's access rules, drafts with
 * autosave and a version history, and the guard that keeps writers to drafts.
 */
export const editorialContent = {
  access: {
    read: publishedOrStaff,
    create: canSaveDraft,
    update: canSaveDraft,
    delete: canPublish,
    readVersions: ({ req: { user } }) => Boolean(user),
  },
  hooks: { beforeOperation: [writersSaveDraftsOnly] },
  versions: {
    drafts: { autosave: { interval: 2000 }, schedulePublish: true },
    maxPerDoc: 50,
  },
} satisfies Pick<CollectionConfig, 'access' | 'hooks' | 'versions'>
