import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_webhook_deliveries_state" ADD VALUE 'withdrawn';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "webhook_deliveries" ALTER COLUMN "state" SET DATA TYPE text;
  ALTER TABLE "webhook_deliveries" ALTER COLUMN "state" SET DEFAULT 'waiting'::text;
  DROP TYPE "public"."enum_webhook_deliveries_state";
  CREATE TYPE "public"."enum_webhook_deliveries_state" AS ENUM('waiting', 'retrying', 'delivered');
  ALTER TABLE "webhook_deliveries" ALTER COLUMN "state" SET DEFAULT 'waiting'::"public"."enum_webhook_deliveries_state";
  ALTER TABLE "webhook_deliveries" ALTER COLUMN "state" SET DATA TYPE "public"."enum_webhook_deliveries_state" USING "state"::"public"."enum_webhook_deliveries_state";`)
}
