import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "newsletter_signups" (
  	"id" uuid PRIMARY KEY NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"first_name" text,
  	"last_name" text,
  	"postal_code" text,
  	"source_page" text,
  	"consent_text" text,
  	"consent_version" text,
  	"received_at" timestamp (3) with time zone NOT NULL,
  	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  	"confirm_token_hash" text,
  	"confirm_token_expires_at" timestamp (3) with time zone,
  	"confirmed_at" timestamp (3) with time zone
  );
  
  CREATE TABLE "newsletter_outbox" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"signup_id" uuid NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  	"attempts" integer DEFAULT 0 NOT NULL,
  	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
  	"locked_until" timestamp (3) with time zone,
  	"sent_at" timestamp (3) with time zone,
  	"failed_at" timestamp (3) with time zone,
  	"last_error" text
  );
  
  ALTER TABLE "newsletter_signups" ADD CONSTRAINT "newsletter_signups_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "newsletter_outbox" ADD CONSTRAINT "newsletter_outbox_signup_id_newsletter_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."newsletter_signups"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "newsletter_outbox" ADD CONSTRAINT "newsletter_outbox_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "newsletter_signups_subscriber_idx" ON "newsletter_signups" USING btree ("subscriber_id");
  CREATE UNIQUE INDEX "newsletter_signups_confirm_token_idx" ON "newsletter_signups" USING btree ("confirm_token_hash");
  CREATE INDEX "newsletter_outbox_due_idx" ON "newsletter_outbox" USING btree ("next_attempt_at") WHERE sent_at IS NULL AND failed_at IS NULL;
  CREATE INDEX "newsletter_outbox_subscriber_idx" ON "newsletter_outbox" USING btree ("subscriber_id","created_at");
  -- Every subscriber's consent so far becomes their first sign-up, carrying the link already sent
  -- (so it keeps working); confirmation emails still waiting as jobs move to the outbox.
  INSERT INTO "newsletter_signups" ("id", "subscriber_id", "first_name", "last_name", "postal_code", "source_page",
    "consent_text", "consent_version", "received_at", "confirm_token_hash", "confirm_token_expires_at", "confirmed_at")
  SELECT gen_random_uuid(), "id", "first_name", "last_name", "postal_code", "source_page", "consent_text",
    "consent_version", COALESCE("consented_at", "created_at"), "confirm_token_hash", "confirm_token_expires_at", "confirmed_at"
  FROM "subscribers";
  INSERT INTO "newsletter_outbox" ("signup_id", "subscriber_id")
  SELECT g."id", g."subscriber_id" FROM "payload_jobs" j JOIN "newsletter_signups" g ON g."subscriber_id" = (j."input"->>'subscriber')::int
  WHERE j."task_slug" = 'sendConfirmationEmail' AND j."completed_at" IS NULL AND NOT COALESCE(j."has_error", false);
  DELETE FROM "payload_jobs" WHERE "task_slug" = 'sendConfirmationEmail';
  DELETE FROM "payload_jobs_log" WHERE "task_slug" = 'sendConfirmationEmail';

  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'buildSite', 'createCollectionExport', 'createCollectionImport', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'buildSite', 'createCollectionExport', 'createCollectionImport', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "subscribers_confirm_token_hash_idx";
  ALTER TABLE "subscribers" DROP COLUMN "confirm_token_hash";
  ALTER TABLE "subscribers" DROP COLUMN "confirm_token_expires_at";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'sendConfirmationEmail' BEFORE 'buildSite';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'sendConfirmationEmail' BEFORE 'buildSite';
  ALTER TABLE "newsletter_signups" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "newsletter_outbox" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "newsletter_signups" CASCADE;
  DROP TABLE "newsletter_outbox" CASCADE;
  ALTER TABLE "subscribers" ADD COLUMN "confirm_token_hash" varchar;
  ALTER TABLE "subscribers" ADD COLUMN "confirm_token_expires_at" timestamp(3) with time zone;
  CREATE INDEX "subscribers_confirm_token_hash_idx" ON "subscribers" USING btree ("confirm_token_hash");`)
}
