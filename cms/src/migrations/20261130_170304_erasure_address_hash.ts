import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "subscriber_erasures" ADD COLUMN "address_hash" varchar;
  CREATE INDEX "subscriber_erasures_address_hash_idx" ON "subscriber_erasures" USING btree ("address_hash");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "subscriber_erasures_address_hash_idx";
  ALTER TABLE "subscriber_erasures" DROP COLUMN "address_hash";`)
}
