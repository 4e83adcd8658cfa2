import { schedulePublishHandler } from '@payloadcms/ui/utilities/schedulePublishHandler'

import { mayPublish } from '../access/roles'

export const SCHEDULING_REFUSED = 'Only editors and admins can schedule or cancel a publication.'

/**
 * Payload's `schedule-publish` server function checks only that the caller may use the admin,
 * then deletes the job it is given with access overridden and queues a new one, so any writer
 * could cancel an editor's scheduled publication (or queue one that fails when it runs). Only
 * those who may publish may schedule or cancel publishing.
 */
const schedulePublishForPublishers: typeof schedulePublishHandler = (args) => {
  if (!mayPublish(args.req.user)) return { error: SCHEDULING_REFUSED }
  return schedulePublishHandler(args)
}

/** Server functions that replace Payload's own of the same name (see app/(payload)/layout.tsx). */
export const serverFunctions = { 'schedule-publish': schedulePublishForPublishers }
