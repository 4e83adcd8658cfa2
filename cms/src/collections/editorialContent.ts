import type { CollectionConfig } from 'payload'

import { canPublish } from '../access/canPublish'
import { canSaveDraft } from '../access/canSaveDraft'
import { publishedOrStaff } from '../access/publishedOrStaff'
import { writersSaveDraftsOnly } from '../hooks/writersSaveDraftsOnly'
import { afterCollectionChange, afterCollectionDelete, noteDraftSaveForCollection } from '../publishing/contentChanged'
import { trackMediaUseAfterChange, trackMediaUseAfterDelete } from './Media/publishedUse'

/**
 * What every piece of editorial content shares: the roles table's access rules, drafts with
 * autosave and a version history, the guard that keeps writers to drafts, and telling the site
 * (and the media it shows) when published content changes.
 */
export const editorialContent = {
  access: {
    read: publishedOrStaff,
    create: canSaveDraft,
    update: canSaveDraft,
    delete: canPublish,
    readVersions: ({ req: { user } }) => Boolean(user),
  },
  hooks: {
    beforeOperation: [writersSaveDraftsOnly, noteDraftSaveForCollection],
    // Media use is refreshed after the build request, which serialises concurrent publishes.
    afterChange: [afterCollectionChange, trackMediaUseAfterChange],
    afterDelete: [afterCollectionDelete, trackMediaUseAfterDelete],
  },
  versions: {
    drafts: { autosave: { interval: 2000 }, schedulePublish: true },
    maxPerDoc: 50,
  },
} satisfies Pick<CollectionConfig, 'access' | 'hooks' | 'versions'>
