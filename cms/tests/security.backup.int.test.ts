/**
 * Backups hold password hashes and every subscriber: the archive and everything written on the
 * way to it are readable by their owner only, and the database password never appears on the
 * command line of pg_dump or pg_restore (which any local user can read), only in their
 * environment. The real tools run, through wrappers that record how they were started.
 */
import { chmod, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createBackup, restoreBackup } from '../src/db/backup'
import { findPgTool } from '../src/db/pgTools'
import { createConfirmedSubscriber } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

// URL-special characters, so that a password passed through the URL would have to be decoded.
const PASSWORD = 'Backup:secret/p@ss%word-7f3a'
const ROLE = 'backup_operator'

let payload: Payload
let work: string
let log: string
let operatorUrl: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  await createConfirmedSubscriber(payload, { email: 'private@example.org' })

  const admin = new pg.Client({ connectionString: started.databaseUrl })
  await admin.connect()
  await admin.query(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {})
  await admin.query(`CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD.replaceAll("'", "''")}'`)
  await admin.end()
  const url = new URL(started.databaseUrl)
  url.username = ROLE
  url.password = encodeURIComponent(PASSWORD)
  operatorUrl = url.toString()

  work = await mkdtemp(path.join(tmpdir(), 'cms-backup-security-'))
  log = path.join(work, 'spawned.log')
  const tools = path.join(work, 'tools')
  await mkdir(tools)
  for (const tool of ['pg_dump', 'pg_restore'] as const) {
    const real = await findPgTool(tool, 17)
    // Records each start (argv and PGPASSWORD) and the mode of the folder a dump is written to.
    await writeFile(
      path.join(tools, tool),
      `#!/bin/sh
printf '%s' '${tool}' >> '${log}'
for arg in "$@"; do printf ' %s' "$arg" >> '${log}'; done
printf '\\nPGPASSWORD=%s\\n' "$PGPASSWORD" >> '${log}'
for arg in "$@"; do case "$arg" in --file=*) stat -c 'dump folder mode %a' "$(dirname "\${arg#--file=}")" >> '${log}';; esac; done
exec '${real}' "$@"
`,
    )
    await chmod(path.join(tools, tool), 0o755)
  }
  vi.stubEnv('PG_BIN_DIR', tools)
})

afterAll(() => {
  vi.unstubAllEnvs()
})

const mode = async (file: string) => (await stat(file)).mode & 0o777

describe('a backup', () => {
  let file: string

  beforeAll(async () => {
    file = path.join(work, 'new-folder', 'site.tar')
    await createBackup({ databaseUrl: operatorUrl, mediaDir: process.env.MEDIA_DIR!, file })
  })

  it('is readable by its owner only, in a folder only its owner can enter', async () => {
    expect((await mode(file)).toString(8)).toBe('600')
    expect((await mode(path.dirname(file))).toString(8)).toBe('700')
    expect(await readFile(log, 'utf8')).toMatch(/^dump folder mode 700$/m)
  })

  it('never puts the database password on pg_dump’s command line, only in its environment', async () => {
    const starts = (await readFile(log, 'utf8')).split('\n').filter((line) => line.startsWith('pg_dump --format'))
    expect(starts).toHaveLength(1)
    expect(starts[0]).not.toContain(PASSWORD)
    expect(starts[0]).not.toContain(encodeURIComponent(PASSWORD))
    expect(starts[0]).toContain(`--dbname=postgres://${ROLE}@`)
    expect(await readFile(log, 'utf8')).toContain(`PGPASSWORD=${PASSWORD}\n`)
  })

  it('is restored with the password kept off pg_restore’s command line too', async () => {
    // The CMS is stopped before a restore (the restore ends its connections).
    await payload.db.pool.end()
    await restoreBackup({ databaseUrl: operatorUrl, mediaDir: process.env.MEDIA_DIR!, file })
    const spawned = await readFile(log, 'utf8')
    const starts = spawned.split('\n').filter((line) => line.startsWith('pg_restore --no-owner'))
    expect(starts).toHaveLength(1)
    expect(starts[0]).not.toContain(PASSWORD)
    expect(starts[0]).not.toContain(encodeURIComponent(PASSWORD))
    const client = new pg.Client({ connectionString: operatorUrl })
    await client.connect()
    const { rows } = await client.query('SELECT email FROM subscribers')
    await client.end()
    expect(rows).toEqual([{ email: 'private@example.org' }])
  })
})
