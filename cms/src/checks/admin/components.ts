import type { UIField } from 'payload'

/** The checks' admin components, by the import map's path (see payload.config.ts importMap). */
export const PUBLISH_BLOCKED = '/checks/admin/PublishBlocked#PublishBlocked'

/** In the edit view's sidebar: the checks' findings for the document as last saved. */
export const checksPanel: UIField = {
  name: 'checks',
  type: 'ui',
  admin: { position: 'sidebar', components: { Field: '/checks/admin/ChecksPanel#ChecksPanel' } },
}
