import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

/**
 * Set by an import (a local API call) whose rows carry each person's consent record, the only
 * other way than their own confirmation for an address to be on the list as "confirmed".
 */
export const IMPORTED_WITH_CONSENT = 'importedWithConsent'

export const CONFIRM_BY_HAND_MESSAGE =
  'Only the subscriber can confirm their address, with the link in the email they were sent. To stop sending to them, choose Unsubscribed.'

/**
 * "Confirmed" means the person confirmed their own address (newsletter/subscribe.ts, from their
 * link) or an import brought their consent record along. Nobody sets it by hand, in the admin or
 * over the API: the change is refused on the status field, saying why, instead of being saved as
 * something else.
 */
export const confirmedByThemselvesOnly: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (data.status !== 'confirmed' || originalDoc?.status === 'confirmed') return data
  const importedWithConsent = req.payloadAPI === 'local' && req.context[IMPORTED_WITH_CONSENT] === true && data.consentedAt && data.consentText
  if (importedWithConsent) return data
  throw new ValidationError({ collection: 'subscribers', errors: [{ path: 'status', message: CONFIRM_BY_HAND_MESSAGE }], req })
}
