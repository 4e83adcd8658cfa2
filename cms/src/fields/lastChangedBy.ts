import type { Field, FieldAccess, FieldHook } from 'payload'

/**
 * Who saved the document last (drafts and autosaves included): the desk's "who changed it" and a
 * writer's own drafts. Set from the signed-in account on every save, whatever the request says;
 * saves without an account (seeding, scheduled publishing run by the system) leave it as it was.
 */
const fromSignedInAccount: FieldHook = ({ req, previousValue }) => (req.user?.collection === 'users' ? req.user.id : previousValue)

/** Staff only: the public API does not say which account edits what. */
const staffReads: FieldAccess = ({ req }) => req.user?.collection === 'users'

export const lastChangedBy: Field = {
  name: 'lastChangedBy',
  label: 'Last changed by',
  type: 'relationship',
  relationTo: 'users',
  index: true,
  access: { read: staffReads },
  hooks: { beforeChange: [fromSignedInAccount] },
  // Shown on the desk, by name; in the edit view a read-only relationship would be an empty select
  // for writers, who may not read other accounts.
  admin: { hidden: true },
}
