import { s3Storage } from '@payloadcms/storage-s3'

import { s3Settings } from '../../config/media'

const settings = s3Settings()

/**
 * Uploads go to S3-compatible storage when S3_BUCKET is set (see config/media.ts), else to
 * local disk. The plugin is always registered, disabled without S3, so the database schema and
 * the admin's import map are the same in both cases.
 */
export const mediaStorage = s3Storage({
  enabled: Boolean(settings),
  alwaysInsertFields: true,
  // An explicit (empty) prefix keeps the plugin's `prefix` column in the schema when it is enabled
  // too; alwaysInsertFields only covers the disabled case.
  collections: { media: { prefix: '' } },
  bucket: settings?.bucket ?? '',
  config: {
    region: settings?.region,
    endpoint: settings?.endpoint,
    forcePathStyle: settings?.forcePathStyle,
    credentials: settings?.credentials,
  },
})
