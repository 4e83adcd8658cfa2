import type { CollectionConfig } from 'payload'

import { isAdmin } from '../access/isAdmin'

/**
 * A log the system writes and only admins read (erasures, exports, webhook calls): nobody creates,
 * edits, duplicates, deletes or locks a line by hand; newest first, under Newsletter.
 */
export function adminLog(config: CollectionConfig): CollectionConfig {
  return {
    lockDocuments: false,
    disableDuplicate: true,
    defaultSort: '-createdAt',
    timestamps: true,
    ...config,
    access: { read: isAdmin, create: () => false, update: () => false, delete: () => false, ...config.access },
    admin: { group: 'Newsletter', useAsTitle: 'createdAt', ...config.admin },
  }
}
