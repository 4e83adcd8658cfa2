import type { Access, RunJobAccess } from 'payload'

import { mayPublish } from './roles'

/** Delete, and any change that goes live at once: editors and admins only. */
export const canPublish: Access = ({ req: { user } }) => mayPublish(user)

/** The same for the jobs config's rules (queueing and cancelling jobs, scheduled publishing among them). */
export const canPublishJobAccess: RunJobAccess = ({ req: { user } }) => mayPublish(user)
