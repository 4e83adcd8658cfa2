import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_review_requests_target" AS ENUM('values', 'faq-categories', 'faqs', 'annual-reports', 'home', 'site-settings');
  CREATE TYPE "public"."enum_review_requests_state" AS ENUM('open', 'published');
  CREATE TABLE "review_requests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"target" "enum_review_requests_target" NOT NULL,
  	"document_id" numeric,
  	"title" varchar,
  	"message" varchar,
  	"requested_by_id" integer,
  	"state" "enum_review_requests_state" DEFAULT 'open' NOT NULL,
  	"published_by_id" integer,
  	"published_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "values" ADD COLUMN "last_changed_by_id" integer;
  ALTER TABLE "_values_v" ADD COLUMN "version_last_changed_by_id" integer;
  ALTER TABLE "faq_categories" ADD COLUMN "last_changed_by_id" integer;
  ALTER TABLE "_faq_categories_v" ADD COLUMN "version_last_changed_by_id" integer;
  ALTER TABLE "faqs" ADD COLUMN "last_changed_by_id" integer;
  ALTER TABLE "_faqs_v" ADD COLUMN "version_last_changed_by_id" integer;
  ALTER TABLE "annual_reports" ADD COLUMN "last_changed_by_id" integer;
  ALTER TABLE "_annual_reports_v" ADD COLUMN "version_last_changed_by_id" integer;
  ALTER TABLE "home" ADD COLUMN "last_changed_by_id" integer;
  ALTER TABLE "_home_v" ADD COLUMN "version_last_changed_by_id" integer;
  ALTER TABLE "site_settings" ADD COLUMN "last_changed_by_id" integer;
  ALTER TABLE "_site_settings_v" ADD COLUMN "version_last_changed_by_id" integer;
  ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "review_requests_target_idx" ON "review_requests" USING btree ("target");
  CREATE INDEX "review_requests_document_id_idx" ON "review_requests" USING btree ("document_id");
  CREATE INDEX "review_requests_requested_by_idx" ON "review_requests" USING btree ("requested_by_id");
  CREATE INDEX "review_requests_state_idx" ON "review_requests" USING btree ("state");
  CREATE INDEX "review_requests_published_by_idx" ON "review_requests" USING btree ("published_by_id");
  CREATE INDEX "review_requests_updated_at_idx" ON "review_requests" USING btree ("updated_at");
  CREATE INDEX "review_requests_created_at_idx" ON "review_requests" USING btree ("created_at");
  ALTER TABLE "values" ADD CONSTRAINT "values_last_changed_by_id_users_id_fk" FOREIGN KEY ("last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_values_v" ADD CONSTRAINT "_values_v_version_last_changed_by_id_users_id_fk" FOREIGN KEY ("version_last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "faq_categories" ADD CONSTRAINT "faq_categories_last_changed_by_id_users_id_fk" FOREIGN KEY ("last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_faq_categories_v" ADD CONSTRAINT "_faq_categories_v_version_last_changed_by_id_users_id_fk" FOREIGN KEY ("version_last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "faqs" ADD CONSTRAINT "faqs_last_changed_by_id_users_id_fk" FOREIGN KEY ("last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_faqs_v" ADD CONSTRAINT "_faqs_v_version_last_changed_by_id_users_id_fk" FOREIGN KEY ("version_last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_last_changed_by_id_users_id_fk" FOREIGN KEY ("last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_annual_reports_v" ADD CONSTRAINT "_annual_reports_v_version_last_changed_by_id_users_id_fk" FOREIGN KEY ("version_last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "home" ADD CONSTRAINT "home_last_changed_by_id_users_id_fk" FOREIGN KEY ("last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_home_v" ADD CONSTRAINT "_home_v_version_last_changed_by_id_users_id_fk" FOREIGN KEY ("version_last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "site_settings" ADD CONSTRAINT "site_settings_last_changed_by_id_users_id_fk" FOREIGN KEY ("last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_site_settings_v" ADD CONSTRAINT "_site_settings_v_version_last_changed_by_id_users_id_fk" FOREIGN KEY ("version_last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "values_last_changed_by_idx" ON "values" USING btree ("last_changed_by_id");
  CREATE INDEX "_values_v_version_version_last_changed_by_idx" ON "_values_v" USING btree ("version_last_changed_by_id");
  CREATE INDEX "faq_categories_last_changed_by_idx" ON "faq_categories" USING btree ("last_changed_by_id");
  CREATE INDEX "_faq_categories_v_version_version_last_changed_by_idx" ON "_faq_categories_v" USING btree ("version_last_changed_by_id");
  CREATE INDEX "faqs_last_changed_by_idx" ON "faqs" USING btree ("last_changed_by_id");
  CREATE INDEX "_faqs_v_version_version_last_changed_by_idx" ON "_faqs_v" USING btree ("version_last_changed_by_id");
  CREATE INDEX "annual_reports_last_changed_by_idx" ON "annual_reports" USING btree ("last_changed_by_id");
  CREATE INDEX "_annual_reports_v_version_version_last_changed_by_idx" ON "_annual_reports_v" USING btree ("version_last_changed_by_id");
  CREATE INDEX "subscribers_confirmed_at_idx" ON "subscribers" USING btree ("confirmed_at");
  CREATE INDEX "home_last_changed_by_idx" ON "home" USING btree ("last_changed_by_id");
  CREATE INDEX "_home_v_version_version_last_changed_by_idx" ON "_home_v" USING btree ("version_last_changed_by_id");
  CREATE INDEX "site_settings_last_changed_by_idx" ON "site_settings" USING btree ("last_changed_by_id");
  CREATE INDEX "_site_settings_v_version_version_last_changed_by_idx" ON "_site_settings_v" USING btree ("version_last_changed_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "review_requests" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "review_requests" CASCADE;
  ALTER TABLE "values" DROP CONSTRAINT "values_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "_values_v" DROP CONSTRAINT "_values_v_version_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "faq_categories" DROP CONSTRAINT "faq_categories_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "_faq_categories_v" DROP CONSTRAINT "_faq_categories_v_version_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "faqs" DROP CONSTRAINT "faqs_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "_faqs_v" DROP CONSTRAINT "_faqs_v_version_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "annual_reports" DROP CONSTRAINT "annual_reports_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "_annual_reports_v" DROP CONSTRAINT "_annual_reports_v_version_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "home" DROP CONSTRAINT "home_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "_home_v" DROP CONSTRAINT "_home_v_version_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "site_settings" DROP CONSTRAINT "site_settings_last_changed_by_id_users_id_fk";
  
  ALTER TABLE "_site_settings_v" DROP CONSTRAINT "_site_settings_v_version_last_changed_by_id_users_id_fk";
  
  DROP INDEX "values_last_changed_by_idx";
  DROP INDEX "_values_v_version_version_last_changed_by_idx";
  DROP INDEX "faq_categories_last_changed_by_idx";
  DROP INDEX "_faq_categories_v_version_version_last_changed_by_idx";
  DROP INDEX "faqs_last_changed_by_idx";
  DROP INDEX "_faqs_v_version_version_last_changed_by_idx";
  DROP INDEX "annual_reports_last_changed_by_idx";
  DROP INDEX "_annual_reports_v_version_version_last_changed_by_idx";
  DROP INDEX "subscribers_confirmed_at_idx";
  DROP INDEX "home_last_changed_by_idx";
  DROP INDEX "_home_v_version_version_last_changed_by_idx";
  DROP INDEX "site_settings_last_changed_by_idx";
  DROP INDEX "_site_settings_v_version_version_last_changed_by_idx";
  ALTER TABLE "values" DROP COLUMN "last_changed_by_id";
  ALTER TABLE "_values_v" DROP COLUMN "version_last_changed_by_id";
  ALTER TABLE "faq_categories" DROP COLUMN "last_changed_by_id";
  ALTER TABLE "_faq_categories_v" DROP COLUMN "version_last_changed_by_id";
  ALTER TABLE "faqs" DROP COLUMN "last_changed_by_id";
  ALTER TABLE "_faqs_v" DROP COLUMN "version_last_changed_by_id";
  ALTER TABLE "annual_reports" DROP COLUMN "last_changed_by_id";
  ALTER TABLE "_annual_reports_v" DROP COLUMN "version_last_changed_by_id";
  ALTER TABLE "home" DROP COLUMN "last_changed_by_id";
  ALTER TABLE "_home_v" DROP COLUMN "version_last_changed_by_id";
  ALTER TABLE "site_settings" DROP COLUMN "last_changed_by_id";
  ALTER TABLE "_site_settings_v" DROP COLUMN "version_last_changed_by_id";
  DROP TYPE "public"."enum_review_requests_target";
  DROP TYPE "public"."enum_review_requests_state";`)
}
