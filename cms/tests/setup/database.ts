/**
 * Vitest global setup: one throwaway embedded PostgreSQL for the whole run. Each test file
 * then works in a database of its own on it (see tests/helpers/testPayload.ts). Also bundles the
 * site server, which the publishing tests run on their builds (tests/helpers/siteBuilds.ts).
 */
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

import { startEmbeddedPostgres } from '../../src/db/embedded'
import { freePort } from '../../src/db/freePort'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServer: string
  }
}

export default async function setup(project: TestProject) {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: path.resolve(import.meta.dirname, '../../../web'), stdio: 'inherit' })
  // Under the system temp folder: the server's `postgres` user can reach it wherever the clone is.
  const dataDir = path.join(tmpdir(), `cms-test-postgres-${randomUUID()}`, 'data')
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), throwaway: true })
  project.provide('databaseServer', server.urlFor('').replace(/\/$/, ''))
  return async () => {
    await server.stop()
    await rm(path.dirname(dataDir), { recursive: true, force: true })
  }
}
