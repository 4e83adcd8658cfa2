import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import type { Subscriber } from '../payload-types'
import { queueConfirmation } from './sendConfirmation'
import { newsletterSettings } from './settings'
import { hashToken, verifyUnsubscribeToken } from './tokens'
import type { Signup } from './validation'

type Drizzle = { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: { id: number }[] }> }
const drizzle = (payload: Payload) => payload.db.drizzle as unknown as Drizzle

const findByEmailKey = async (payload: Payload, emailKey: string): Promise<Subscriber | undefined> =>
  (await payload.find({ collection: 'subscribers', where: { emailKey: { equals: emailKey } }, limit: 1, depth: 0, overrideAccess: true }))
    .docs[0]

// The address is taken: either normalizeEmail saw it ("already on the list"), or two requests passed
// that check at once and the unique index refused the second (Payload reports that as a
// ValidationError on emailKey, "Value must be unique").
const isUniqueViolation = (error: unknown) => JSON.stringify((error as { data?: unknown })?.data ?? '').includes('already on the list')
  || Boolean((error as { data?: { errors?: { path?: string }[] } })?.data?.errors?.some((e) => e.path === 'emailKey'))
  || (error as { code?: string })?.code === '23505'
  || String((error as { cause?: { code?: string } })?.cause?.code) === '23505'

/**
 * Records a sign-up. New address: a pending subscriber and a confirmation email. Pending: the
 * email is sent again, at most once per throttle window. Unsubscribed: a new opt-in. Confirmed:
 * nothing changes. The caller answers every case the same way.
 */
export async function recordSignup(payload: Payload, signup: Signup): Promise<void> {
  const emailKey = signup.email.toLowerCase()
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  const now = new Date().toISOString()
  const consent = {
    consentText: settings.newsletter?.consentText,
    consentVersion: settings.newsletter?.consentVersion,
    consentedAt: now,
    sourcePage: signup.sourcePage,
  }
  const profile = { firstName: signup.firstName, lastName: signup.lastName, postalCode: signup.postalCode }

  let existing = await findByEmailKey(payload, emailKey)
  if (!existing) {
    try {
      const created = await payload.create({
        collection: 'subscribers',
        overrideAccess: true,
        context: { addressChecked: true },
        data: { email: signup.email, status: 'pending', confirmationRequestedAt: now, ...profile, ...consent },
      })
      await queueConfirmation(payload, created.id)
      return
    } catch (error) {
      // Another request created this address a moment ago: carry on as for an existing one.
      if (!isUniqueViolation(error)) throw error
      existing = await findByEmailKey(payload, emailKey)
      if (!existing) throw error
    }
  }
  if (existing.status === 'confirmed') return

  // Claimed atomically, so concurrent sign-ups of one address send one email per window.
  const { resendAfterMinutes } = newsletterSettings()
  const claimed = await drizzle(payload).execute(sql`
    UPDATE subscribers SET status = 'pending', confirmation_requested_at = now()
    WHERE id = ${existing.id}
      AND (status = 'unsubscribed'
        OR (status = 'pending' AND (confirmation_requested_at IS NULL
          OR confirmation_requested_at < now() - make_interval(mins => ${resendAfterMinutes}))))
    RETURNING id`)
  if (claimed.rows.length === 0) return
  await payload.update({
    collection: 'subscribers',
    id: existing.id,
    overrideAccess: true,
    data: { ...profile, ...(existing.status === 'unsubscribed' ? consent : {}) },
  })
  await queueConfirmation(payload, existing.id)
}

export type ConfirmResult = 'confirmed' | 'expired' | 'invalid'

/** Confirms the address a token was sent to. Tokens are single use and expire. */
export async function confirmSubscription(payload: Payload, token: string): Promise<ConfirmResult> {
  const subscriber = await findByTokenHash(payload, token)
  if (!subscriber) return 'invalid'
  if (!subscriber.confirmTokenExpiresAt || new Date(subscriber.confirmTokenExpiresAt).getTime() < Date.now()) return 'expired'
  await payload.update({
    collection: 'subscribers',
    id: subscriber.id,
    overrideAccess: true,
    data: { status: 'confirmed', confirmedAt: new Date().toISOString(), confirmTokenHash: null, confirmTokenExpiresAt: null },
  })
  return 'confirmed'
}

/** A new confirmation email for the address an (expired) token was sent to; silent otherwise. */
export async function resendConfirmation(payload: Payload, token: string): Promise<void> {
  const subscriber = await findByTokenHash(payload, token)
  if (!subscriber || subscriber.status !== 'pending') return
  const { resendAfterMinutes } = newsletterSettings()
  const claimed = await drizzle(payload).execute(sql`
    UPDATE subscribers SET confirmation_requested_at = now()
    WHERE id = ${subscriber.id} AND status = 'pending'
      AND (confirmation_requested_at IS NULL OR confirmation_requested_at < now() - make_interval(mins => ${resendAfterMinutes}))
    RETURNING id`)
  if (claimed.rows.length > 0) await queueConfirmation(payload, subscriber.id)
}

/** Unsubscribes at once; the token is the one in every email. */
export async function unsubscribe(payload: Payload, token: string): Promise<'unsubscribed' | 'invalid'> {
  const id = verifyUnsubscribeToken(token, payload.secret)
  if (id === null) return 'invalid'
  const subscriber = await payload.findByID({ collection: 'subscribers', id, depth: 0, overrideAccess: true }).catch(() => null)
  if (!subscriber) return 'invalid'
  if (subscriber.status !== 'unsubscribed') {
    await payload.update({
      collection: 'subscribers',
      id,
      overrideAccess: true,
      data: { status: 'unsubscribed', unsubscribedAt: new Date().toISOString(), confirmTokenHash: null, confirmTokenExpiresAt: null },
    })
  }
  return 'unsubscribed'
}

async function findByTokenHash(payload: Payload, token: string): Promise<Subscriber | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined
  const { docs } = await payload.find({
    collection: 'subscribers',
    where: { confirmTokenHash: { equals: hashToken(token) } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
  })
  return docs[0]
}
