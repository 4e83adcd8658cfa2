import type { Access } from 'payload'

import { mayPublish } from './roles'

/** Delete, and any change that goes live at once: editors and admins only. */
export const canPublish: Access = ({ req: { user } }) => mayPublish(user)
