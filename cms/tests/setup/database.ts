/**
 * Vitest global setup: one throwaway embedded PostgreSQL for the whole run. Each test file
 * then works in a database of its own on it (see tests/helpers/testPayload.ts).
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

import { startEmbeddedPostgres } from '../../src/db/embedded'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServer: string
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export default async function setup(project: TestProject) {
  const dataDir = path.resolve(import.meta.dirname, '../../.data/test', randomUUID())
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), throwaway: true })
  project.provide('databaseServer', server.urlFor('').replace(/\/$/, ''))
  return () => server.stop()
}
