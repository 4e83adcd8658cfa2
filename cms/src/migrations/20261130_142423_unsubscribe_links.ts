import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "newsletter_outbox" ALTER COLUMN "signup_id" DROP NOT NULL;
  ALTER TABLE "newsletter_outbox" ADD COLUMN "kind" text DEFAULT 'confirm' NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "newsletter_outbox" ALTER COLUMN "signup_id" SET NOT NULL;
  ALTER TABLE "newsletter_outbox" DROP COLUMN "kind";`)
}
