/**
 * Runs a command with DATABASE_URL pointing at a PostgreSQL server.
 *
 *   tsx scripts/with-db.ts [--throwaway] -- <command> [args...]
 *
 * With DATABASE_URL set, the command simply runs against it. Unset, an embedded PostgreSQL is
 * started: data in EMBEDDED_POSTGRES_DIR or cms/.data/postgres, kept across restarts, on port
 * EMBEDDED_POSTGRES_PORT or 54329 (away from a system server on 5432). With --throwaway, a fresh
 * empty server on a free port instead, deleted afterwards (for tests and experiments).
 * This process stays alive while the command runs, forwards Ctrl-C/SIGTERM to it, and stops the
 * server cleanly when it ends.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { runningEmbeddedPostgres, startEmbeddedPostgres } from '../src/db/embedded.ts'
import { freePort } from '../src/db/freePort.ts'

const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const separator = process.argv.indexOf('--')
const flags = separator === -1 ? [] : process.argv.slice(2, separator)
const [command, ...args] = separator === -1 ? process.argv.slice(2) : process.argv.slice(separator + 1)
const throwaway = flags.includes('--throwaway')
if (!command || flags.some((flag) => flag !== '--throwaway')) {
  console.error('usage: tsx scripts/with-db.ts [--throwaway] -- <command> [args...]')
  process.exit(2)
}

// The same cms/.env that Payload and Next.js read, so a DATABASE_URL set there is honoured here.
const envFile = path.join(cmsDir, '.env')
if (existsSync(envFile)) process.loadEnvFile(envFile)

let stopDatabase = async () => {}
if (throwaway) {
  const dataDir = path.join(tmpdir(), `cms-throwaway-${randomUUID()}`, 'data')
  const port = await freePort()
  const database = await startEmbeddedPostgres({ dataDir, port, throwaway: true })
  process.env.DATABASE_URL = database.urlFor('site')
  stopDatabase = async () => {
    await database.stop()
    await rm(path.dirname(dataDir), { recursive: true, force: true })
  }
  console.log(`[db] throwaway embedded PostgreSQL 17 on 127.0.0.1:${port}`)
} else if (!process.env.DATABASE_URL && process.env.NODE_ENV === 'production') {
  console.error('DATABASE_URL must be set in production (the embedded PostgreSQL is for local work). Refusing to start.')
  process.exit(1)
} else if (!process.env.DATABASE_URL) {
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329)
  const dataDir = process.env.EMBEDDED_POSTGRES_DIR || path.join(cmsDir, '.data', 'postgres')
  const running = runningEmbeddedPostgres(dataDir)
  const database = running ?? (await startEmbeddedPostgres({ dataDir, port }))
  process.env.DATABASE_URL = database.urlFor('site')
  stopDatabase = database.stop
  console.log(
    `[db] ${running ? 'using the running ' : ''}embedded PostgreSQL 17 on ${new URL(process.env.DATABASE_URL).host} (data: ${path.relative(process.cwd(), dataDir)})`,
  )
}

// The command runs in its own process group so a signal reaches every process it started
// (`sh -c 'a && b'` would not pass it on), not just the shell.
const child = spawn(command, args, { stdio: 'inherit', env: process.env, detached: true })
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // already gone
    }
  })
}
child.on('exit', async (code, signal) => {
  await stopDatabase()
  process.exit(code ?? (signal ? 1 : 0))
})
