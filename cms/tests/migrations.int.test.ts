/**
 * The committed migrations are the schema: applied to an empty database they must give exactly
 * what the config describes, and a new migration generated now must find nothing to do.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { beforeAll, expect, it } from 'vitest'

import { startTestPayload } from './helpers/testPayload'

type DrizzleAdapter = {
  schema: Record<string, unknown>
  drizzle: unknown
  requireDrizzleKit: () => {
    generateDrizzleJson: (schema: unknown) => Promise<{ version: string }> | { version: string }
    generateMigration: (before: unknown, after: unknown) => Promise<string[]>
    pushSchema: (schema: unknown, drizzle: unknown) => Promise<{ statementsToExecute: string[]; hasDataLoss: boolean }>
  }
}

let payload: Payload
let adapter: DrizzleAdapter

beforeAll(async () => {
  payload = (await startTestPayload()).payload
  adapter = payload.db as unknown as DrizzleAdapter
})

/**
 * drizzle-kit's push reads numeric column defaults back as `'0'::numeric` and proposes
 * `SET DEFAULT 0` for them on every run. Such a statement changes nothing when the column's
 * default, cast stripped, already is that value: checked against the database, not assumed.
 */
async function changesSomething(statement: string): Promise<boolean> {
  const match = statement.match(/^ALTER TABLE "(\w+)" ALTER COLUMN "(\w+)" SET DEFAULT (.+);$/)
  if (!match) return true
  const [, table, column, wanted] = match
  const { rows } = await (
    payload.db as unknown as { pool: { query: (sql: string, params: unknown[]) => Promise<{ rows: { column_default?: string }[] }> } }
  ).pool.query('SELECT column_default FROM information_schema.columns WHERE table_name = $1 AND column_name = $2', [table, column])
  const current = String(rows[0]?.column_default ?? '')
    .replace(/::\w+$/, '')
    .replace(/^'(.*)'$/, '$1')
  return current !== wanted
}

it('leave nothing for a schema push to change', async () => {
  const { pushSchema } = adapter.requireDrizzleKit()
  const { statementsToExecute } = await pushSchema(adapter.schema, adapter.drizzle)
  const changes = []
  for (const statement of statementsToExecute) {
    if (await changesSomething(statement)) changes.push(statement)
  }
  expect(changes).toEqual([])
})

it('match the config, so `migrate:create` would find nothing to do', async () => {
  const dir = path.resolve(import.meta.dirname, '../src/migrations')
  const latest = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .at(-1)
  expect(latest).toBeDefined()
  const before = JSON.parse(readFileSync(path.join(dir, latest!), 'utf8'))
  const { generateDrizzleJson, generateMigration } = adapter.requireDrizzleKit()
  const after = await generateDrizzleJson(adapter.schema)
  expect(await generateMigration(before, after)).toEqual([])
})

it('are all applied', async () => {
  const { docs } = await payload.find({ collection: 'payload-migrations', limit: 0, pagination: false })
  const { migrations } = await import('../src/migrations')
  expect(docs.map((d) => d.name).sort()).toEqual(migrations.map((m) => m.name).sort())
})
