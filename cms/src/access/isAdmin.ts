import type { Access, FieldAccess, RunJobAccess } from 'payload'

import { hasRole } from './roles'

export const isAdmin: Access = ({ req: { user } }) => hasRole(user, 'admin')

export const isAdminField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin')

/** The jobs config's rules take a request and answer yes or no. */
export const isAdminJobAccess: RunJobAccess = ({ req: { user } }) => hasRole(user, 'admin')
