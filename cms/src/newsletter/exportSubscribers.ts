import { importExportPlugin } from '@payloadcms/plugin-import-export'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CollectionBeforeOperationHook, CollectionConfig, Endpoint } from 'payload'
import { Forbidden } from 'payload'

import { isAdmin } from '../access/isAdmin'
import { hasRole } from '../access/roles'
import { notServed } from '../http/notServed'

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.data')

// The plugin's own hook runs before access control and answers strangers with a 500; this one
// runs first and answers 403.
const refuseNonAdmins: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' && !hasRole(req.user, 'admin')) throw new Forbidden(req.t)
  return args
}

/** Export files hold subscribers' addresses: only admins create, read, download or delete them. */
function adminsOnly(collection: CollectionConfig): CollectionConfig {
  const guard = (endpoint: Endpoint): Endpoint => ({
    ...endpoint,
    handler: (req) =>
      hasRole(req.user, 'admin') ? endpoint.handler(req) : Response.json({ errors: [{ message: 'Only admins can export subscribers.' }] }, { status: 403 }),
  })
  return {
    ...collection,
    labels: { singular: 'Subscriber export', plural: 'Subscriber exports' },
    access: { read: isAdmin, create: isAdmin, update: () => false, delete: isAdmin, readVersions: isAdmin },
    admin: { ...collection.admin, group: 'Newsletter', hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin' },
    // Exports are never uploaded from a URL.
    endpoints: Array.isArray(collection.endpoints) ? [...notServed('/paste-url/:id?'), ...collection.endpoints].map(guard) : collection.endpoints,
    hooks: { ...collection.hooks, beforeOperation: [refuseNonAdmins, ...(collection.hooks?.beforeOperation ?? [])] },
    upload: {
      ...(typeof collection.upload === 'object' ? collection.upload : {}),
      staticDir: process.env.EXPORTS_DIR ?? path.join(dataDir, 'exports'),
    },
  }
}

/** CSV export of subscribers for admins (Payload's import/export plugin; import is off). */
export const subscriberExport = importExportPlugin({
  collections: [{ slug: 'subscribers', import: false, export: { format: 'csv', disableJobsQueue: true } }],
  overrideExportCollection: ({ collection }) => adminsOnly(collection),
  // Import is off, but the plugin still registers its collection: none of its routes is served
  // (its POST /api/imports/preview-data parsed any upload for anyone, access rules notwithstanding).
  overrideImportCollection: ({ collection }) => ({
    ...collection,
    access: { read: () => false, create: () => false, update: () => false, delete: () => false },
    admin: { ...collection.admin, hidden: true },
    endpoints: notServed('/:path*'),
    graphQL: false,
  }),
})
