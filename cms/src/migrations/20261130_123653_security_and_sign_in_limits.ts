import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // The first statement is by hand: locks on subscribers and staff accounts go (those collections
  // are no longer lockable). The failed sign-ins move to a table named for them (the newsletter no
  // longer counts anything there); media get their usedByPublished flag from `payload prepare` at
  // the next start.
  await db.execute(sql`
   DELETE FROM "payload_locked_documents" WHERE "id" IN (SELECT "parent_id" FROM "payload_locked_documents_rels" WHERE "path" = 'document' AND ("subscribers_id" IS NOT NULL OR "users_id" IS NOT NULL));
   CREATE TABLE "sign_in_limits" (
  	"key" varchar(255) PRIMARY KEY NOT NULL,
  	"points" integer DEFAULT 0 NOT NULL,
  	"expire" bigint
  );
  
  ALTER TABLE "newsletter_rate_limits" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "newsletter_rate_limits" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscribers_fk";
  
  DROP INDEX "payload_locked_documents_rels_subscribers_id_idx";
  ALTER TABLE "media" ADD COLUMN "used_by_published" boolean DEFAULT false;
  CREATE INDEX "media_used_by_published_idx" ON "media" USING btree ("used_by_published");
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscribers_id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "newsletter_rate_limits" (
  	"key" varchar(255) PRIMARY KEY NOT NULL,
  	"points" integer DEFAULT 0 NOT NULL,
  	"expire" bigint
  );
  
  ALTER TABLE "sign_in_limits" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "sign_in_limits" CASCADE;
  DROP INDEX "media_used_by_published_idx";
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscribers_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscribers_fk" FOREIGN KEY ("subscribers_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_subscribers_id_idx" ON "payload_locked_documents_rels" USING btree ("subscribers_id");
  ALTER TABLE "media" DROP COLUMN "used_by_published";`)
}
