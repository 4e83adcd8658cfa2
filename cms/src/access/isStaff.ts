import type { Access } from 'payload'

/** Any signed-in account: admins, editors and writers. */
export const isStaff: Access = ({ req: { user } }) => Boolean(user)
