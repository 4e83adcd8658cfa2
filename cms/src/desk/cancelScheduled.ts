import type { Endpoint } from 'payload'

import { mayPublish } from '../access/roles'
import { errorAnswer } from '../http/errorAnswer'
import { SCHEDULING_REFUSED } from '../publishing/schedulePublishing'

const NOT_SCHEDULED = 'This publication is no longer scheduled: it has run or was cancelled already. Reload the page.'

/**
 * POST /api/desk/scheduled/:id/cancel: an editor or admin cancels a scheduled publication from
 * the desk, as the document's own "Schedule publish" drawer does (the job is deleted before it runs).
 */
export const cancelScheduledEndpoint: Endpoint = {
  path: '/desk/scheduled/:id/cancel',
  method: 'post',
  handler: async (req) => {
    if (!mayPublish(req.user)) return errorAnswer(403, SCHEDULING_REFUSED)
    const id = Number(req.routeParams?.id)
    if (!Number.isSafeInteger(id)) return errorAnswer(404, NOT_SCHEDULED)
    const { docs } = await req.payload.delete({
      collection: 'payload-jobs',
      where: {
        and: [{ id: { equals: id } }, { taskSlug: { equals: 'schedulePublish' } }, { completedAt: { exists: false } }, { processing: { not_equals: true } }],
      },
      depth: 0,
      req,
    })
    if (docs.length === 0) return errorAnswer(404, NOT_SCHEDULED)
    return Response.json({ message: 'Cancelled: it will not be published at that time.' })
  },
}
