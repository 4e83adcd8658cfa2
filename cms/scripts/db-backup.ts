/**
 * `pnpm db:backup [FILE]`: writes the database (pg_dump custom format) and the media files into
 * one archive, by default backups/site-<date>.tar in the folder the command was started from.
 */
import path from 'node:path'

import { localMediaDir, s3Settings } from '../src/config/media.ts'
import { createBackup } from '../src/db/backup.ts'
import { databaseUrl } from '../src/config/env.ts'

// pnpm runs package scripts in cms/; paths given on the command line are the caller's.
const callerDir = process.env.INIT_CWD ?? process.cwd()
const stamp = new Date()
  .toISOString()
  .replace(/[:.]/g, '-')
  .replace(/-\d{3}Z$/, 'Z')
const file = path.resolve(callerDir, process.argv[2] ?? path.join('backups', `site-${stamp}.tar`))

try {
  const s3 = s3Settings()
  const summary = await createBackup({ databaseUrl: databaseUrl(), mediaDir: s3 ? undefined : localMediaDir(), file })
  const media = summary.mediaFiles === null ? `media not included (they are in the S3 bucket ${s3!.bucket})` : `${summary.mediaFiles} media files`
  console.log(`Backup written: ${summary.file} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB; PostgreSQL ${summary.serverVersion}; ${media})`)
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
}
