import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "site_builds" ADD COLUMN "rolled_back_by_id" integer;
  ALTER TABLE "site_builds" ADD COLUMN "rolled_back_at" timestamp(3) with time zone;
  ALTER TABLE "site_builds" ADD CONSTRAINT "site_builds_rolled_back_by_id_users_id_fk" FOREIGN KEY ("rolled_back_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "site_builds_rolled_back_by_idx" ON "site_builds" USING btree ("rolled_back_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "site_builds" DROP CONSTRAINT "site_builds_rolled_back_by_id_users_id_fk";
  
  DROP INDEX "site_builds_rolled_back_by_idx";
  ALTER TABLE "site_builds" DROP COLUMN "rolled_back_by_id";
  ALTER TABLE "site_builds" DROP COLUMN "rolled_back_at";`)
}
