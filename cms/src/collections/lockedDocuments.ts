import type { SanitizedConfig } from 'payload'

import { ownLock } from '../access/ownLock'

/**
 * Payload adds its document-locks collection while sanitizing the config, after plugins have run,
 * with access for any signed-in account to every lock (including creating one in someone else's
 * name). There is no option for its access, so it is set on the sanitized config.
 */
export function ownLocksOnly(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents')
  if (locks) locks.access = { ...locks.access, create: ownLock, update: ownLock, delete: ownLock }
  return config
}
