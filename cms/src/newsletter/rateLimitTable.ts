import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import { bigint, integer, pgTable, varchar } from '@payloadcms/db-postgres/drizzle/pg-core'

export const RATE_LIMIT_TABLE = 'newsletter_rate_limits'

/**
 * rate-limiter-flexible's PostgreSQL table, declared in Payload's schema so that it is created
 * by the committed migrations like every other table (the library is told not to create it).
 */
type SchemaHook = NonNullable<PostgresAdapterArgs['beforeSchemaInit']>[number]

export const addRateLimitTable: SchemaHook = ({ schema }) => ({
  ...schema,
  tables: {
    ...schema.tables,
    [RATE_LIMIT_TABLE]: pgTable(RATE_LIMIT_TABLE, {
      key: varchar('key', { length: 255 }).primaryKey(),
      points: integer('points').notNull().default(0),
      expire: bigint('expire', { mode: 'number' }),
    }),
  },
})
