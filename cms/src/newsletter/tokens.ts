import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** A 256-bit random token for a confirmation link; only its hash is ever stored. */
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Unsubscribe links must keep working in every email ever sent, so they are not stored: the
 * token is the subscriber's id with an HMAC of it under a key derived from the server secret.
 */
const unsubscribeKey = (secret: string) => createHmac('sha256', secret).update('newsletter-unsubscribe-v1').digest()

export function unsubscribeToken(subscriberId: number, secret: string): string {
  const mac = createHmac('sha256', unsubscribeKey(secret)).update(String(subscriberId)).digest('base64url')
  return `${subscriberId}.${mac}`
}

export function verifyUnsubscribeToken(token: string, secret: string): number | null {
  const match = /^(\d{1,12})\.([\w-]{43})$/.exec(token)
  if (!match) return null
  const id = Number(match[1])
  const expected = Buffer.from(unsubscribeToken(id, secret).split('.')[1]!)
  const given = Buffer.from(match[2]!)
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null
}

/** Rate-limit keys and the like: a keyed hash, so no raw address or IP is stored. */
export const pseudonym = (value: string, secret: string) => createHmac('sha256', secret).update(value).digest('base64url').slice(0, 32)
