import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_subscribers_unsubscribed_via" ADD VALUE 'import';
  CREATE TABLE "subscriber_imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"imported_by_id" integer,
  	"file_name" varchar,
  	"source" varchar,
  	"summary" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "subscribers" ADD COLUMN "imported_from" varchar;
  ALTER TABLE "subscriber_imports" ADD CONSTRAINT "subscriber_imports_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "subscriber_imports_imported_by_idx" ON "subscriber_imports" USING btree ("imported_by_id");
  CREATE INDEX "subscriber_imports_updated_at_idx" ON "subscriber_imports" USING btree ("updated_at");
  CREATE INDEX "subscriber_imports_created_at_idx" ON "subscriber_imports" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "subscriber_imports" CASCADE;
  ALTER TABLE "subscribers" ALTER COLUMN "unsubscribed_via" SET DATA TYPE text;
  UPDATE "subscribers" SET "unsubscribed_via" = NULL WHERE "unsubscribed_via" = 'import';
  DROP TYPE "public"."enum_subscribers_unsubscribed_via";
  CREATE TYPE "public"."enum_subscribers_unsubscribed_via" AS ENUM('link', 'admin');
  ALTER TABLE "subscribers" ALTER COLUMN "unsubscribed_via" SET DATA TYPE "public"."enum_subscribers_unsubscribed_via" USING "unsubscribed_via"::"public"."enum_subscribers_unsubscribed_via";
  ALTER TABLE "subscribers" DROP COLUMN "imported_from";`)
}
