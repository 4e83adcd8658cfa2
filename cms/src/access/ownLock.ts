import type { Access, Where } from 'payload'

type Relation = { relationTo?: unknown; value?: unknown } | null | undefined

const idOf = (value: unknown) => (value && typeof value === 'object' && 'id' in value ? value.id : value)

/**
 * Document locks in one's own name, on documents that may be locked: a lock is created for
 * oneself, a take-over (the admin's "Take over") moves a lock to oneself, and otherwise only one's
 * own locks are updated or released. Reading stays open to all staff: the admin must see others'
 * locks to warn that a document is being edited, which is why accounts and subscribers are never
 * locked (`lockDocuments: false`), and no lock may name them.
 */
export const ownLock: Access = ({ req: { payload, user }, data }) => {
  if (!user) return false
  if (!data || !('user' in data)) {
    const own: Where = { and: [{ 'user.relationTo': { equals: user.collection } }, { 'user.value': { equals: user.id } }] }
    return own
  }
  const holder = data.user as Relation
  const document = data.document as Relation
  const target = payload.config.collections.find((collection) => collection.slug === document?.relationTo)
  const lockable = target?.lockDocuments !== false
  return lockable && holder?.relationTo === user.collection && String(idOf(holder?.value)) === String(user.id)
}
