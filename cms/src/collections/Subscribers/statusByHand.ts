import { sql } from '@payloadcms/db-postgres'
import { type CollectionAfterChangeHook, type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { drizzleOf } from '../../db/transactions'
import type { Subscriber } from '../../payload-types'

/**
 * Fields the system records (the consent the person gave, when they confirmed or left, and who
 * unsubscribed them): shown to admins, never typed by them. Each with the reason given on the
 * field when a change to it is refused.
 */
export const RECORDED_BY_THE_SYSTEM = {
  consentText: 'the consent shown to the person when they signed up',
  consentVersion: 'the version of that consent text',
  consentedAt: 'when the person gave their consent',
  sourcePage: 'the page they signed up on',
  confirmedAt: 'when the person confirmed their address',
  unsubscribedAt: 'when they were unsubscribed',
  unsubscribedBy: 'who unsubscribed them',
  unsubscribedVia: 'how they were unsubscribed',
  confirmationRequestedAt: 'when a confirmation email was last requested',
  importedFrom: 'where an imported list said they gave consent',
} as const satisfies Partial<Record<keyof Subscriber, string>>

export const recordedMessage = (field: keyof typeof RECORDED_BY_THE_SYSTEM) =>
  `This is recorded by the system (${RECORDED_BY_THE_SYSTEM[field]}) and cannot be changed by hand.`

export const BACK_TO_PENDING_MESSAGE = {
  confirmed: 'A confirmed subscriber cannot be made pending again. To stop sending to them, choose Unsubscribed.',
  unsubscribed:
    'Someone who unsubscribed comes back only by signing up again themselves (on the site’s sign-up form), so that they confirm it. Their status stays Unsubscribed.',
} as const

const comparable = (value: unknown) => {
  if (value === undefined || value === null || value === '') return null
  if (typeof value === 'object' && 'id' in value) return String(value.id)
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return new Date(value).toISOString()
  return String(value)
}

/**
 * What an admin (or any API caller) may do to a subscriber's status, beyond "never confirmed by
 * hand" (confirmedByThemselves.ts): unsubscribe them, recorded with who and when; nothing that
 * puts someone back on the list, which only the person can do. Fields the system records are
 * never changed by hand. Each refusal says why on the field concerned and changes nothing.
 * Server code (the local API: sign-ups, imports) records these fields itself.
 */
export const statusChangesByHand: CollectionBeforeChangeHook<Subscriber> = ({ data, originalDoc, operation, req }) => {
  if (req.payloadAPI === 'local') return data
  const errors: { path: string; message: string }[] = []
  const before = originalDoc?.status
  if (data.status === 'pending' && (before === 'confirmed' || before === 'unsubscribed')) {
    errors.push({ path: 'status', message: BACK_TO_PENDING_MESSAGE[before] })
  }
  for (const field of Object.keys(RECORDED_BY_THE_SYSTEM) as (keyof typeof RECORDED_BY_THE_SYSTEM)[]) {
    if (!(field in data)) continue
    const changed = operation === 'create' ? comparable(data[field]) !== null : comparable(data[field]) !== comparable(originalDoc?.[field])
    if (changed) errors.push({ path: field, message: recordedMessage(field) })
  }
  if (errors.length > 0) throw new ValidationError({ collection: 'subscribers', errors, req })

  if (data.status === 'unsubscribed' && before !== 'unsubscribed') {
    return { ...data, unsubscribedAt: new Date().toISOString(), unsubscribedBy: req.user?.id ?? null, unsubscribedVia: 'admin' }
  }
  return data
}

/**
 * Unsubscribing retires the confirmation links still out for the address (as the person's own
 * unsubscribe does), in the same transaction as the change.
 */
export const afterUnsubscribe: CollectionAfterChangeHook<Subscriber> = async ({ doc, previousDoc, req }) => {
  if (doc.status !== 'unsubscribed' || previousDoc?.status === 'unsubscribed') return doc
  const db = await drizzleOf(req)
  await db.execute(sql`UPDATE newsletter_signups SET confirm_token_hash = NULL, confirm_token_expires_at = NULL WHERE subscriber_id = ${doc.id}`)
  return doc
}
