import type { User } from '../payload-types'

export type Role = User['role']

export const ROLES: { label: string; value: Role }[] = [
  { label: 'Admin: everything, including accounts and subscribers', value: 'admin' },
  { label: 'Editor: write, publish and delete content', value: 'editor' },
  { label: 'Writer: write drafts; cannot publish or delete', value: 'writer' },
]

type MaybeUser = { role?: Role | null } | null | undefined

export const hasRole = (user: MaybeUser, ...roles: Role[]): boolean => Boolean(user?.role && roles.includes(user.role))

/** Editors and admins may publish, unpublish, reorder and delete content. */
export const mayPublish = (user: MaybeUser): boolean => hasRole(user, 'admin', 'editor')
