import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "_faq_categories_v" ADD COLUMN "autosave" boolean;
  ALTER TABLE "site_builds" ADD COLUMN "routes_rendered" numeric;
  ALTER TABLE "site_builds" ADD COLUMN "routes_reused" numeric;
  CREATE INDEX "_faq_categories_v_autosave_idx" ON "_faq_categories_v" USING btree ("autosave");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "_faq_categories_v_autosave_idx";
  ALTER TABLE "_faq_categories_v" DROP COLUMN "autosave";
  ALTER TABLE "site_builds" DROP COLUMN "routes_rendered";
  ALTER TABLE "site_builds" DROP COLUMN "routes_reused";`)
}
