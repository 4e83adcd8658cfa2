import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Written by hand: locks on subscribers and staff accounts go (those collections are no longer
  // lockable); media get their usedByPublished flag from \`payload prepare\` at the next start.
  await db.execute(sql`
   DELETE FROM "payload_locked_documents" WHERE "id" IN (SELECT "parent_id" FROM "payload_locked_documents_rels" WHERE "path" = 'document' AND ("subscribers_id" IS NOT NULL OR "users_id" IS NOT NULL));
   ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscribers_fk";
  
  DROP INDEX "payload_locked_documents_rels_subscribers_id_idx";
  ALTER TABLE "media" ADD COLUMN "used_by_published" boolean DEFAULT false;
  CREATE INDEX "media_used_by_published_idx" ON "media" USING btree ("used_by_published");
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscribers_id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "media_used_by_published_idx";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscribers_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscribers_fk" FOREIGN KEY ("subscribers_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_subscribers_id_idx" ON "payload_locked_documents_rels" USING btree ("subscribers_id");
  ALTER TABLE "media" DROP COLUMN "used_by_published";`)
}
