/**
 * `pnpm db:restore FILE [--yes]`: replaces the database and the media files with a backup's.
 * Asks first unless --yes is given; stop the CMS before restoring.
 */
import path from 'node:path'
import { createInterface } from 'node:readline/promises'

import { databaseUrl } from '../src/config/env.ts'
import { localMediaDir, s3Settings } from '../src/config/media.ts'
import { restoreBackup } from '../src/db/backup.ts'

const args = process.argv.slice(2)
const files = args.filter((arg) => arg !== '--yes')
if (files.length !== 1 || args.some((arg) => arg.startsWith('-') && arg !== '--yes')) {
  console.error('usage: pnpm db:restore FILE [--yes]')
  process.exit(2)
}
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!)
const url = databaseUrl()
const mediaDir = s3Settings() ? undefined : localMediaDir()

if (!args.includes('--yes')) {
  if (!process.stdin.isTTY) {
    console.error('Restoring replaces all content, users and subscribers. Add --yes to confirm when not at a terminal.')
    process.exit(2)
  }
  const target = `database "${new URL(url).pathname.slice(1)}" on ${new URL(url).host}${mediaDir ? ` and ${mediaDir}` : ''}`
  const prompt = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await prompt.question(`Replace the ${target} with ${file}? Type "restore" to go on: `)
  prompt.close()
  if (answer.trim() !== 'restore') {
    console.error('Nothing was changed.')
    process.exit(1)
  }
}

try {
  const restored = await restoreBackup({ databaseUrl: url, mediaDir, file })
  const media = restored.mediaFiles === null ? 'media were not in the backup' : `${restored.mediaFiles} media files`
  console.log(`Restored the backup made ${restored.createdAt} (${media}). Start the CMS again; it applies any newer migrations.`)
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
}
