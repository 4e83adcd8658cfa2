import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import { bigint, integer, pgTable, varchar } from '@payloadcms/db-postgres/drizzle/pg-core'

export const SIGN_IN_LIMITS_TABLE = 'sign_in_limits'

/**
 * The failed sign-ins counted per address (signInLimits.ts): rate-limiter-flexible's PostgreSQL
 * table, declared in Payload's schema so that it is created by the committed migrations like
 * every other table (the library is told not to create it).
 */
type SchemaHook = NonNullable<PostgresAdapterArgs['beforeSchemaInit']>[number]

export const addSignInLimitsTable: SchemaHook = ({ schema }) => ({
  ...schema,
  tables: {
    ...schema.tables,
    [SIGN_IN_LIMITS_TABLE]: pgTable(SIGN_IN_LIMITS_TABLE, {
      key: varchar('key', { length: 255 }).primaryKey(),
      points: integer('points').notNull().default(0),
      expire: bigint('expire', { mode: 'number' }),
    }),
  },
})
