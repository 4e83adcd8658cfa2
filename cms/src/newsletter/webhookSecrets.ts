import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Webhooks' signing secrets are kept sealed: AES-256-GCM under a key derived (HKDF-SHA256) from
 * the CMS's own secret, PAYLOAD_SECRET, which lives in its environment and never in the database.
 * Whoever holds a backup or a read of the database alone cannot forge a signed call to the
 * mailing tool; they would need the server's environment too. GCM also refuses a sealed value
 * that was altered. The sender opens a secret only to sign (newsletter/webhooks.ts), and admins
 * see it opened on the webhook's page (collections/Webhooks).
 *
 * When PAYLOAD_SECRET changes, sealed secrets can no longer be opened: calls wait, unsigned calls
 * are never sent, and the webhook says so until an admin issues it a new secret (docs/security.md).
 */
const PREFIX = 'sealed:v1:'
/** What the key is for, so the same PAYLOAD_SECRET never keys two things the same way. */
const KEY_INFO = 'get-the-wire webhook signing secrets v1'
const AAD = Buffer.from('webhooks.secret')

const keyFrom = (serverSecret: string) => Buffer.from(hkdfSync('sha256', serverSecret, '', KEY_INFO, 32))

/** A new signing secret, shown to the admin to paste into the receiving tool. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX)

/** The secret as stored: `sealed:v1:<iv>:<ciphertext>:<tag>`, each base64url. */
export function sealWebhookSecret(secret: string, serverSecret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(serverSecret), iv).setAAD(AAD)
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return `${PREFIX}${[iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join(':')}`
}

/** Thrown when a stored secret cannot be opened with this server's secret. */
export class UnreadableWebhookSecret extends Error {
  constructor(reason: string) {
    super(`the webhook's signing secret cannot be read: ${reason}`)
    this.name = 'UnreadableWebhookSecret'
  }
}

/** The secret itself, from what is stored; throws UnreadableWebhookSecret rather than sign with anything else. */
export function openWebhookSecret(stored: unknown, serverSecret: string): string {
  if (!isSealed(stored)) throw new UnreadableWebhookSecret('it is not sealed (the webhook has none, or was never migrated)')
  const [iv, sealed, tag] = stored
    .slice(PREFIX.length)
    .split(':')
    .map((part) => Buffer.from(part, 'base64url'))
  if (!iv || !sealed || !tag || iv.length !== 12 || tag.length !== 16) throw new UnreadableWebhookSecret('what is stored is damaged')
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(serverSecret), iv).setAAD(AAD).setAuthTag(tag)
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8')
  } catch {
    throw new UnreadableWebhookSecret('it was sealed under another PAYLOAD_SECRET (or altered); issue the webhook a new secret')
  }
}
