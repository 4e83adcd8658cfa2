import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type PgTool = 'pg_dump' | 'pg_restore'

/**
 * Folders that may hold PostgreSQL client tools, most specific first: PG_BIN_DIR, PATH, the
 * copy `scripts/pg-tools.sh` unpacks, and Debian's versioned install folders (newest first).
 */
function candidateDirs(): string[] {
  const toolchain = process.env.TOOLCHAIN_DIR ?? path.join(homedir(), '.cache', 'site-toolchain')
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : []
  return [
    ...(process.env.PG_BIN_DIR ? [process.env.PG_BIN_DIR] : []),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
    path.join(toolchain, 'pg17', 'bin'),
    ...debian,
  ]
}

async function majorVersion(executable: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(executable, ['--version'])
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/**
 * The first `tool` whose major version can handle a server of `serverMajor` (pg_dump refuses
 * newer servers; pg_restore may emit settings older ones lack, so it must be at least as new).
 */
export async function findPgTool(tool: PgTool, serverMajor: number): Promise<string> {
  const checked = new Set<string>()
  const seen: string[] = []
  for (const dir of candidateDirs()) {
    const executable = path.join(dir, tool)
    if (checked.has(executable) || !existsSync(executable)) continue
    checked.add(executable)
    const major = await majorVersion(executable)
    if (major !== undefined && major >= serverMajor) return executable
    seen.push(`${executable} (${major === undefined ? 'did not run' : `version ${major}`})`)
  }
  throw new Error(
    `${tool} ${serverMajor} or newer is needed for this PostgreSQL ${serverMajor} server, ` +
      (seen.length ? `but only found ${seen.join(', ')}. ` : 'but none was found. ') +
      'Install the PostgreSQL client tools of that version (on Debian or Ubuntu: `bash scripts/pg-tools.sh`), ' +
      'or point PG_BIN_DIR at their folder.',
  )
}
