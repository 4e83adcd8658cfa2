import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex, uuid } from '@payloadcms/db-postgres/drizzle/pg-core'

type SchemaHook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

const time = (name: string) => timestamp(name, { withTimezone: true, precision: 3 })

/** What an outbox email is for. */
export const OUTBOX_KINDS = ['confirm', 'unsubscribe-link'] as const

/**
 * The newsletter's own tables beside Payload's, declared in its schema so that the committed
 * migrations create them like every other table. They are written with set-based SQL
 * (recordSignups.ts, outbox.ts), not through the local API.
 *
 * - `newsletter_signups`: every sign-up the site server accepted, keyed by the id it gave it (so
 *   a sign-up delivered twice is recorded once), with the consent shown to the person and its
 *   confirmation token. A subscriber takes a sign-up's details only when its link is confirmed:
 *   until then nobody can change a person's record by signing their address up.
 * - `newsletter_outbox`: emails to send (confirmation links for a sign-up; unsubscribe links asked
 *   for on the site), claimed by one sender at a time.
 * Both go with their subscriber when an admin erases them.
 */
export const addNewsletterTables: SchemaHook = ({ schema }) => {
  const subscribers = schema.tables.subscribers!
  const signups = pgTable(
    'newsletter_signups',
    {
      id: uuid('id').primaryKey(),
      subscriber: integer('subscriber_id')
        .notNull()
        .references(() => subscribers.id, { onDelete: 'cascade' }),
      firstName: text('first_name'),
      lastName: text('last_name'),
      postalCode: text('postal_code'),
      sourcePage: text('source_page'),
      consentText: text('consent_text'),
      consentVersion: text('consent_version'),
      /** When the person sent the form, at the site server: the time of their consent. */
      receivedAt: time('received_at').notNull(),
      recordedAt: time('recorded_at').notNull().defaultNow(),
      confirmTokenHash: text('confirm_token_hash'),
      confirmTokenExpiresAt: time('confirm_token_expires_at'),
      confirmedAt: time('confirmed_at'),
    },
    (table) => [
      index('newsletter_signups_subscriber_idx').on(table.subscriber),
      uniqueIndex('newsletter_signups_confirm_token_idx').on(table.confirmTokenHash),
    ],
  )
  const outbox = pgTable(
    'newsletter_outbox',
    {
      id: serial('id').primaryKey(),
      /** `confirm`: the confirmation link for `signup`; `unsubscribe-link`: a link to leave, asked for on the site. */
      kind: text('kind', { enum: OUTBOX_KINDS }).notNull().default('confirm'),
      /** The sign-up a confirmation email confirms; none for an unsubscribe link. */
      signup: uuid('signup_id').references(() => signups.id, { onDelete: 'cascade' }),
      subscriber: integer('subscriber_id')
        .notNull()
        .references(() => subscribers.id, { onDelete: 'cascade' }),
      createdAt: time('created_at').notNull().defaultNow(),
      attempts: integer('attempts').notNull().default(0),
      nextAttemptAt: time('next_attempt_at').notNull().defaultNow(),
      /** A sender's claim on the email; another may take it over once this has passed. */
      lockedUntil: time('locked_until'),
      sentAt: time('sent_at'),
      /** Given up on after the last retry; the reason is in last_error. */
      failedAt: time('failed_at'),
      lastError: text('last_error'),
    },
    (table) => [
      index('newsletter_outbox_due_idx')
        .on(table.nextAttemptAt)
        .where(sql`sent_at IS NULL AND failed_at IS NULL`),
      index('newsletter_outbox_subscriber_idx').on(table.subscriber, table.createdAt),
    ],
  )
  return { ...schema, tables: { ...schema.tables, newsletter_signups: signups, newsletter_outbox: outbox } }
}
