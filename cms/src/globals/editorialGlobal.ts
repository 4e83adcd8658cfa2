import type { GlobalConfig } from 'payload'

import { canSaveDraft } from '../access/canSaveDraft'
import { publishedOrStaff } from '../access/publishedOrStaff'
import { writersSaveDraftsOnlyGlobal } from '../hooks/writersSaveDraftsOnly'
import { trackMediaUseAfterGlobalChange } from '../collections/Media/publishedUse'
import { afterGlobalChange, noteDraftSaveForGlobal } from '../publishing/contentChanged'

/** The roles table for a global: anyone reads what is published, staff draft, editors publish. */
export const editorialGlobal = {
  access: {
    read: publishedOrStaff,
    update: canSaveDraft,
    readVersions: ({ req: { user } }) => Boolean(user),
  },
  hooks: {
    beforeOperation: [writersSaveDraftsOnlyGlobal, noteDraftSaveForGlobal],
    afterChange: [afterGlobalChange, trackMediaUseAfterGlobalChange],
  },
  versions: { drafts: { autosave: { interval: 2000 }, schedulePublish: true }, max: 50 },
} satisfies Pick<GlobalConfig, 'access' | 'hooks' | 'versions'>
