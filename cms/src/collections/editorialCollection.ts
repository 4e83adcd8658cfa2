import type { CollectionConfig } from 'payload'

import { canPublish } from '../access/canPublish'
import { canSaveDraft } from '../access/canSaveDraft'
import { isStaff } from '../access/isStaff'
import { publishedOrStaff } from '../access/publishedOrStaff'
import { writersSaveDraftsOnly } from '../hooks/writersSaveDraftsOnly'
import { checksPanel, PUBLISH_BLOCKED } from '../checks/admin/components'
import { forgetChecksAfterDelete, recordChecksAfterChange, refuseToPublishWithErrors } from '../checks/hooks'
import { ASK_FOR_REVIEW, GOING_LIVE, NOT_ON_SITE, REORDER_NOTE, UNTITLED_HEADING, WRITER_NOTE } from '../publishing/admin/components'
import { afterCollectionChange, afterCollectionDelete, noteDraftSaveForCollection } from '../publishing/contentChanged'
import { lastChangedBy } from '../fields/lastChangedBy'
import { mergeHooks } from '../hooks/mergeHooks'
import { closeReviewRequestsOnPublish, dropReviewRequestsOnDelete } from './ReviewRequests/closeOnPublish'
import { trackMediaUseAfterChange, trackMediaUseAfterDelete } from './Media/publishedUse'

/**
 * A collection of editorial content: the roles table's access rules, drafts with autosave, a
 * version history and scheduled publishing, the guard that keeps writers to drafts, telling the
 * site (and the media it shows) when published content changes, who changed it last, the checks
 * before publishing (kept on every save, errors refusing a publish), answering
 * writers' review requests when it is published, and, beside the Publish button, the change going
 * live (for writers, who have no such button, why, and "Ask for review").
 * The collection's own hooks run after these; its own access rules replace these one by one.
 */
export function editorialCollection(config: CollectionConfig): CollectionConfig {
  const edit = config.admin?.components?.edit
  return {
    ...config,
    access: { read: publishedOrStaff, create: canSaveDraft, update: canSaveDraft, delete: canPublish, readVersions: isStaff, ...config.access },
    hooks: mergeHooks(
      {
        beforeOperation: [writersSaveDraftsOnly, noteDraftSaveForCollection],
        beforeChange: [refuseToPublishWithErrors],
        // Media use is refreshed after the build request, which serialises concurrent publishes.
        afterChange: [afterCollectionChange, trackMediaUseAfterChange, closeReviewRequestsOnPublish, recordChecksAfterChange],
        afterDelete: [afterCollectionDelete, trackMediaUseAfterDelete, forgetChecksAfterDelete, dropReviewRequestsOnDelete],
      },
      config.hooks,
    ),
    versions: { drafts: { autosave: { interval: 2000 }, schedulePublish: true }, maxPerDoc: 50 },
    fields: [...config.fields, lastChangedBy, checksPanel],
    admin: {
      ...config.admin,
      components: {
        ...config.admin?.components,
        // Ordered collections: writers, who cannot reorder, get no drag handles.
        beforeListTable: [...(config.orderable ? [REORDER_NOTE] : []), ...(config.admin?.components?.beforeListTable ?? [])],
        edit: {
          ...edit,
          beforeDocumentControls: [
            UNTITLED_HEADING,
            WRITER_NOTE,
            ASK_FOR_REVIEW,
            PUBLISH_BLOCKED,
            GOING_LIVE,
            NOT_ON_SITE,
            ...(edit?.beforeDocumentControls ?? []),
          ],
        },
      },
    },
  }
}
