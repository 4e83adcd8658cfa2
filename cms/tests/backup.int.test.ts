import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import pg from 'pg'
import type { Payload } from 'payload'
import sharp from 'sharp'
import * as tar from 'tar'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { createBackup, restoreBackup } from '../src/db/backup'
import { seedFirstAdmin } from '../src/seed/firstAdmin'
import { seedContent } from '../src/seed/seed'
import { startTestPayload } from './helpers/testPayload'
import { createConfirmedSubscriber } from './helpers/fixtures'

let payload: Payload
let databaseUrl: string
let mediaDir: string
let work: string

async function query<T extends pg.QueryResultRow>(sql: string, url = databaseUrl): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

/** Every row of every table, the sequences' positions and every media file's bytes. */
async function snapshot() {
  const tables = await query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
  const rows: Record<string, string[]> = {}
  for (const { tablename } of tables) {
    rows[tablename] = (await query(`SELECT * FROM "${tablename}"`)).map((row) => JSON.stringify(row)).sort()
  }
  const sequences = await query("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")
  const media: Record<string, string> = {}
  if (existsSync(mediaDir)) {
    for (const name of (await readdir(mediaDir, { recursive: true })).sort()) {
      const file = path.join(mediaDir, name)
      media[name] = createHash('sha256')
        .update(await readFile(file).catch(() => 'directory'))
        .digest('hex')
    }
  }
  return { rows, sequences, media }
}

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  databaseUrl = started.databaseUrl
  mediaDir = process.env.MEDIA_DIR!
  work = await mkdtemp(path.join(tmpdir(), 'cms-backup-test-'))

  const quiet = vi.spyOn(console, 'log').mockImplementation(() => {})
  await seedFirstAdmin(payload, { SEED_ADMIN_EMAIL: 'admin@backup.test' })
  await seedContent(payload)
  quiet.mockRestore()
  await payload.create({ collection: 'subscribers', data: { email: 'Ada@Example.org', status: 'pending', firstName: 'Reader 0', postalCode: '1234' } })
  for (const [index, email] of ['grace@example.org', 'lin@example.org'].entries()) {
    await createConfirmedSubscriber(payload, { email, firstName: `Reader ${index + 1}`, postalCode: '1234' })
  }
  const image = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#1d4ed8' } })
    .png()
    .toBuffer()
  await payload.create({
    collection: 'media',
    data: { alt: 'A blue square' },
    file: { data: image, mimetype: 'image/png', name: 'blue.png', size: image.length },
  })
  await writeFile(path.join(work, 'garbage.tar'), 'this is not an archive')
  // The CMS is stopped before a restore (the restore ends its connections).
  await (payload.db as unknown as PostgresAdapter).pool.end()
})

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('db:backup and db:restore', () => {
  it('round-trips: seeded content, users, subscribers and media come back identical after a wipe', async () => {
    const before = await snapshot()
    expect(before.rows.subscribers).toHaveLength(3)
    expect(before.rows.values!.length).toBeGreaterThan(0)
    expect(before.rows.users).toHaveLength(1)
    expect(Object.keys(before.media)).toEqual(expect.arrayContaining(['blue.png', 'blue-400x225.png']))

    const file = path.join(work, 'nested', 'site.tar')
    const summary = await createBackup({ databaseUrl, mediaDir, file })
    expect(summary).toMatchObject({ file, mediaFiles: 2 })
    expect(summary.bytes).toBeGreaterThan(1000)
    expect(await readdir(path.dirname(file))).toEqual(['site.tar'])

    await query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
    await rm(mediaDir, { recursive: true })
    expect((await snapshot()).rows).toEqual({})

    const restored = await restoreBackup({ databaseUrl, mediaDir, file })
    expect(restored.mediaFiles).toBe(2)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a file that is missing, not an archive, truncated or holds a broken dump, and changes nothing', async () => {
    const good = path.join(work, 'good.tar')
    await createBackup({ databaseUrl, mediaDir, file: good })
    const before = await snapshot()

    const truncated = path.join(work, 'truncated.tar')
    await writeFile(truncated, (await readFile(good)).subarray(0, 4096))
    const brokenDir = path.join(work, 'broken')
    await mkdir(brokenDir)
    await writeFile(path.join(brokenDir, 'manifest.json'), JSON.stringify({ format: 'site-backup/1', createdAt: 'x', mediaFiles: 0 }))
    await writeFile(path.join(brokenDir, 'database.dump'), 'PGDMP but not really')
    const broken = path.join(work, 'broken.tar')
    await tar.create({ file: broken, cwd: brokenDir }, ['manifest.json', 'database.dump'])
    const foreign = path.join(work, 'foreign.tar')
    await tar.create({ file: foreign, cwd: brokenDir }, ['database.dump'])

    const cases: Array<[string, RegExp]> = [
      [path.join(work, 'missing.tar'), /No backup file at .*missing\.tar\. Nothing was changed\./],
      [path.join(work, 'garbage.tar'), /garbage\.tar is not a backup made by `pnpm db:backup`.*Nothing was changed\./],
      [truncated, /truncated\.tar is not a backup made by `pnpm db:backup` \(.*Truncated.*\)/],
      [foreign, /foreign\.tar is not a backup made by `pnpm db:backup` \(no readable manifest\.json\)/],
      [broken, /pg_restore failed, nothing was changed: .*/],
    ]
    for (const [file, message] of cases) {
      await expect(restoreBackup({ databaseUrl, mediaDir, file }), file).rejects.toThrow(message)
    }
    expect(await snapshot()).toEqual(before)
    const leftovers = await query("SELECT datname FROM pg_database WHERE datname LIKE '%\\_restore\\_%' OR datname LIKE '%\\_replaced\\_%'")
    expect(leftovers).toEqual([])
  })

  it('refuses to dump with a pg_dump older than the server, and says what to install', async () => {
    const oldTools = path.join(work, 'old-tools')
    await mkdir(oldTools)
    await writeFile(path.join(oldTools, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 15.18"\n')
    await chmod(path.join(oldTools, 'pg_dump'), 0o755)
    vi.stubEnv('PG_BIN_DIR', oldTools)
    vi.stubEnv('PATH', `${oldTools}:/bin`)
    vi.stubEnv('TOOLCHAIN_DIR', path.join(work, 'no-toolchain'))

    const file = path.join(work, 'refused.tar')
    await expect(createBackup({ databaseUrl, mediaDir, file })).rejects.toThrow(
      new RegExp(`pg_dump 17 or newer is needed for this PostgreSQL 17 server, but only found ${oldTools}/pg_dump \\(version 15\\).*scripts/pg-tools\\.sh`),
    )
    expect(existsSync(file)).toBe(false)
  })
})
