import type { CollectionBeforeChangeHook } from 'payload'

import type { SiteBuild } from '../../payload-types'

/**
 * A build made through the API ("Rebuild now") is recorded as requested by whoever asked: its
 * fields are closed to API callers, so it arrives with none set (status and reason take their
 * defaults). The system's own requests (publishing, start-up) name their requester themselves.
 */
export const recordRequester: CollectionBeforeChangeHook<SiteBuild> = ({ data, operation, req }) => {
  if (operation !== 'create' || data.requestedBy != null || typeof req.user?.id !== 'number') return data
  return { ...data, requestedBy: req.user.id }
}
