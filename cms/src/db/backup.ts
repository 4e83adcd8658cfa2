import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import * as tar from 'tar'

import { findPgTool } from './pgTools'

const run = promisify(execFile)

const FORMAT = 'site-backup/1'
const DUMP = 'database.dump'
const MANIFEST = 'manifest.json'
const MEDIA = 'media'

type Manifest = {
  format: typeof FORMAT
  createdAt: string
  postgres: { serverVersion: string; database: string }
  /** Media files in the archive, or null when media live elsewhere (S3) and are not included. */
  mediaFiles: number | null
}

type Target = {
  databaseUrl: string
  /** The local media folder, or undefined when media are stored in S3 (not part of the backup). */
  mediaDir: string | undefined
}

export type BackupSummary = { file: string; bytes: number; mediaFiles: number | null; serverVersion: string }

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function serverVersion(databaseUrl: string): Promise<{ version: string; major: number }> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ version: string; num: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num",
    )
    return { version: rows[0]!.version, major: Math.floor(Number(rows[0]!.num) / 10000) }
  })
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).length
}

/** Backups hold password hashes and every subscriber: readable by their owner only, while being written too. */
const PRIVATE_FILE = 0o600
const PRIVATE_DIR = 0o700

/**
 * How a PostgreSQL client tool reaches the database without the password on its command line,
 * where any local user could read it (ps, /proc/<pid>/cmdline): the URL without it, and the
 * password in the child's environment (PGPASSWORD), which only its owner can read.
 */
function toolConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password) || url.searchParams.get('password') || ''
  url.password = ''
  url.searchParams.delete('password')
  return { dbname: url.toString(), env: { ...process.env, ...(password && { PGPASSWORD: password }) } }
}

function failure(what: string, error: unknown): Error {
  const stderr = (error as { stderr?: string }).stderr?.trim()
  return new Error(`${what}: ${stderr || (error instanceof Error ? error.message : String(error))}`)
}

/**
 * Writes one file holding the database (`pg_dump -Fc`) and the media files. The archive appears
 * under its name only when complete. The database is dumped first, so every media row it holds
 * has its file in the archive (pg_dump reads one consistent snapshot).
 */
export async function createBackup({ databaseUrl, mediaDir, file }: Target & { file: string }): Promise<BackupSummary> {
  const server = await serverVersion(databaseUrl)
  const pgDump = await findPgTool('pg_dump', server.major)
  await mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR })
  // mkdtemp makes a folder only its owner can enter.
  const work = await mkdtemp(path.join(path.dirname(file), '.backup-'))
  const partial = `${file}.partial`
  const { dbname, env } = toolConnection(databaseUrl)
  try {
    await run(pgDump, ['--format=custom', '--no-owner', `--file=${path.join(work, DUMP)}`, `--dbname=${dbname}`], { env }).catch((error) => {
      throw failure('pg_dump failed', error)
    })
    await chmod(path.join(work, DUMP), PRIVATE_FILE)
    const entries = [MANIFEST, DUMP]
    let mediaFiles: number | null = null
    if (mediaDir) {
      await mkdir(mediaDir, { recursive: true })
      // Packed through a link so the files are read in place, not copied first.
      await symlink(path.resolve(mediaDir), path.join(work, MEDIA))
      mediaFiles = await countFiles(mediaDir)
      entries.push(MEDIA)
    }
    const manifest: Manifest = {
      format: FORMAT,
      createdAt: new Date().toISOString(),
      postgres: { serverVersion: server.version, database: new URL(databaseUrl).pathname.slice(1) },
      mediaFiles,
    }
    await writeFile(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE })
    await tar.create({ file: partial, cwd: work, follow: true, portable: true, mode: PRIVATE_FILE }, entries)
    // The mode given at creation is narrowed by the umask, never widened; this makes it exact.
    await chmod(partial, PRIVATE_FILE)
    await rename(partial, file)
    return { file, bytes: (await stat(file)).size, mediaFiles, serverVersion: server.version }
  } finally {
    await rm(work, { recursive: true, force: true })
    await rm(partial, { force: true })
  }
}

const notABackup = (file: string, why: string) => new Error(`${file} is not a backup made by \`pnpm db:backup\` (${why}). Nothing was changed.`)

async function readManifest(dir: string, file: string): Promise<Manifest> {
  let manifest: Manifest
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest
  } catch {
    throw notABackup(file, `no readable ${MANIFEST}`)
  }
  if (manifest.format !== FORMAT) throw notABackup(file, `format ${JSON.stringify(manifest.format)}, expected ${FORMAT}`)
  if (!existsSync(path.join(dir, DUMP))) throw notABackup(file, `no ${DUMP}`)
  return manifest
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * Replaces the database and the media folder with a backup's. Everything is unpacked and restored
 * into a new database first; only when that succeeded is the new database swapped in by renaming,
 * so a bad or truncated backup leaves the current data exactly as it was. Stop the CMS first:
 * connections to the database are ended for the swap.
 */
export async function restoreBackup({ databaseUrl, mediaDir, file }: Target & { file: string }): Promise<{ mediaFiles: number | null; createdAt: string }> {
  if (!existsSync(file) || !(await stat(file)).isFile()) throw new Error(`No backup file at ${file}. Nothing was changed.`)
  const stagingParent = mediaDir ? path.dirname(path.resolve(mediaDir)) : path.dirname(path.resolve(file))
  await mkdir(stagingParent, { recursive: true })
  const work = await mkdtemp(path.join(stagingParent, '.restore-'))
  const url = new URL(databaseUrl)
  const database = decodeURIComponent(url.pathname.slice(1))
  const suffix = randomBytes(4).toString('hex')
  const incoming = `${database}_restore_${suffix}`
  const outgoing = `${database}_replaced_${suffix}`
  const maintenanceUrl = Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString()
  let incomingCreated = false
  try {
    try {
      await tar.extract({ file, cwd: work, strict: true })
    } catch (error) {
      throw notABackup(file, error instanceof Error ? error.message : String(error))
    }
    const manifest = await readManifest(work, file)
    if (manifest.mediaFiles !== null && !mediaDir) {
      throw new Error('This backup holds media files but media are stored in S3 here; restore them into the bucket yourself. Nothing was changed.')
    }

    const server = await serverVersion(maintenanceUrl)
    const pgRestore = await findPgTool('pg_restore', server.major)
    await withClient(maintenanceUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(incoming)}`))
    incomingCreated = true
    const incomingUrl = Object.assign(new URL(databaseUrl), { pathname: `/${incoming}` }).toString()
    const { dbname, env } = toolConnection(incomingUrl)
    await run(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, path.join(work, DUMP)], {
      env,
    }).catch((error) => {
      throw failure('pg_restore failed, nothing was changed', error)
    })

    await withClient(maintenanceUrl, async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
      if (exists.rowCount) {
        // No new sessions, end the current ones, then swap by renaming (both need it idle).
        await client.query(`ALTER DATABASE ${quoteIdentifier(database)} WITH ALLOW_CONNECTIONS false`)
        try {
          await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database])
          await client.query(`ALTER DATABASE ${quoteIdentifier(database)} RENAME TO ${quoteIdentifier(outgoing)}`)
        } catch (error) {
          await client.query(`ALTER DATABASE ${quoteIdentifier(database)} WITH ALLOW_CONNECTIONS true`)
          throw failure('Could not take the current database offline, nothing was changed', error)
        }
      }
      await client.query(`ALTER DATABASE ${quoteIdentifier(incoming)} RENAME TO ${quoteIdentifier(database)}`)
      incomingCreated = false
      if (exists.rowCount) await client.query(`DROP DATABASE ${quoteIdentifier(outgoing)} WITH (FORCE)`)
    })

    if (mediaDir && manifest.mediaFiles !== null) {
      const restoredMedia = path.join(work, MEDIA)
      await mkdir(restoredMedia, { recursive: true })
      const replaced = `${path.resolve(mediaDir)}.replaced-${suffix}`
      if (existsSync(mediaDir)) await rename(mediaDir, replaced)
      await rename(restoredMedia, mediaDir)
      await rm(replaced, { recursive: true, force: true })
    }
    return { mediaFiles: manifest.mediaFiles, createdAt: manifest.createdAt }
  } finally {
    if (incomingCreated) {
      await withClient(maintenanceUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(incoming)} WITH (FORCE)`)).catch(() => {})
    }
    await rm(work, { recursive: true, force: true })
  }
}
