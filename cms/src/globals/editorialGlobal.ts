import type { GlobalConfig } from 'payload'

import { canSaveDraft } from '../access/canSaveDraft'
import { isStaff } from '../access/isStaff'
import { publishedOrStaff } from '../access/publishedOrStaff'
import { lastChangedBy } from '../fields/lastChangedBy'
import { mergeHooks } from '../hooks/mergeHooks'
import { closeReviewRequestsOnGlobalPublish } from '../collections/ReviewRequests/closeOnPublish'
import { trackMediaUseAfterGlobalChange } from '../collections/Media/publishedUse'
import { writersSaveDraftsOnlyGlobal } from '../hooks/writersSaveDraftsOnly'
import { checksPanel, PUBLISH_BLOCKED } from '../checks/admin/components'
import { recordGlobalChecksAfterChange, refuseToPublishGlobalWithErrors, refuseToRestoreGlobalWithErrors } from '../checks/hooks'
import { ASK_FOR_REVIEW, GOING_LIVE, NOT_ON_SITE, WRITER_NOTE } from '../publishing/admin/components'
import { afterGlobalChange, noteDraftSaveForGlobal } from '../publishing/contentChanged'

/**
 * An editorial global (the home page, the site settings): anyone reads what is published, staff
 * draft, editors publish, now or at a set time; the site (and the media it shows) hears of
 * published changes; who changed it last; the checks before publishing; publishing answers writers' review requests; beside the
 * Publish button, the change going live (for writers, why there is none, and "Ask for review"). The global's own hooks run after these.
 */
export function editorialGlobal(config: GlobalConfig): GlobalConfig {
  const elements = config.admin?.components?.elements
  return {
    ...config,
    access: { read: publishedOrStaff, update: canSaveDraft, readVersions: isStaff, ...config.access },
    hooks: mergeHooks(
      {
        beforeOperation: [writersSaveDraftsOnlyGlobal, noteDraftSaveForGlobal, refuseToRestoreGlobalWithErrors],
        beforeChange: [refuseToPublishGlobalWithErrors],
        afterChange: [afterGlobalChange, trackMediaUseAfterGlobalChange, closeReviewRequestsOnGlobalPublish, recordGlobalChecksAfterChange],
      },
      config.hooks,
    ),
    versions: { drafts: { autosave: { interval: 2000 }, schedulePublish: true }, max: 50 },
    fields: [...config.fields, lastChangedBy, checksPanel],
    admin: {
      ...config.admin,
      components: {
        ...config.admin?.components,
        elements: {
          ...elements,
          beforeDocumentControls: [WRITER_NOTE, ASK_FOR_REVIEW, PUBLISH_BLOCKED, GOING_LIVE, NOT_ON_SITE, ...(elements?.beforeDocumentControls ?? [])],
        },
      },
    },
  }
}
