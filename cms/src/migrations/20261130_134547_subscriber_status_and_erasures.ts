import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_subscribers_unsubscribed_via" AS ENUM('link', 'admin');
  CREATE TABLE "subscriber_erasures" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"subscriber_number" numeric,
  	"status_at_erasure" varchar,
  	"on_list_since" timestamp(3) with time zone,
  	"signups_erased" numeric,
  	"emails_dropped" numeric,
  	"erased_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "subscribers" ADD COLUMN "unsubscribed_via" "enum_subscribers_unsubscribed_via";
  ALTER TABLE "subscribers" ADD COLUMN "unsubscribed_by_id" integer;
  ALTER TABLE "subscriber_erasures" ADD CONSTRAINT "subscriber_erasures_erased_by_id_users_id_fk" FOREIGN KEY ("erased_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "subscriber_erasures_erased_by_idx" ON "subscriber_erasures" USING btree ("erased_by_id");
  CREATE INDEX "subscriber_erasures_updated_at_idx" ON "subscriber_erasures" USING btree ("updated_at");
  CREATE INDEX "subscriber_erasures_created_at_idx" ON "subscriber_erasures" USING btree ("created_at");
  ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_unsubscribed_by_id_users_id_fk" FOREIGN KEY ("unsubscribed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "subscribers_unsubscribed_by_idx" ON "subscribers" USING btree ("unsubscribed_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "subscriber_erasures" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "subscriber_erasures" CASCADE;
  ALTER TABLE "subscribers" DROP CONSTRAINT "subscribers_unsubscribed_by_id_users_id_fk";
  
  DROP INDEX "subscribers_unsubscribed_by_idx";
  ALTER TABLE "subscribers" DROP COLUMN "unsubscribed_via";
  ALTER TABLE "subscribers" DROP COLUMN "unsubscribed_by_id";
  DROP TYPE "public"."enum_subscribers_unsubscribed_via";`)
}
