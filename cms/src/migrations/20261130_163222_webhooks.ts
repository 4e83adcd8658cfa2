import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_webhook_deliveries_event" AS ENUM('subscriber.confirmed', 'subscriber.unsubscribed', 'subscriber.erased');
  CREATE TYPE "public"."enum_webhook_deliveries_state" AS ENUM('waiting', 'retrying', 'delivered');
  CREATE TABLE "webhooks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"url" varchar NOT NULL,
  	"on_confirm" boolean DEFAULT true,
  	"on_unsubscribe" boolean DEFAULT true,
  	"on_erase" boolean DEFAULT true,
  	"active" boolean DEFAULT true,
  	"secret" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "webhook_deliveries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"webhook_id" integer,
  	"event" "enum_webhook_deliveries_event",
  	"subscriber_number" numeric,
  	"state" "enum_webhook_deliveries_state" DEFAULT 'waiting',
  	"attempts" numeric DEFAULT 0,
  	"last_result" varchar,
  	"next_attempt_at" timestamp(3) with time zone,
  	"delivered_at" timestamp(3) with time zone,
  	"locked_until" timestamp(3) with time zone,
  	"body" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "webhooks_updated_at_idx" ON "webhooks" USING btree ("updated_at");
  CREATE INDEX "webhooks_created_at_idx" ON "webhooks" USING btree ("created_at");
  CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries" USING btree ("webhook_id");
  CREATE INDEX "webhook_deliveries_state_idx" ON "webhook_deliveries" USING btree ("state");
  CREATE INDEX "webhook_deliveries_next_attempt_at_idx" ON "webhook_deliveries" USING btree ("next_attempt_at");
  CREATE INDEX "webhook_deliveries_updated_at_idx" ON "webhook_deliveries" USING btree ("updated_at");
  CREATE INDEX "webhook_deliveries_created_at_idx" ON "webhook_deliveries" USING btree ("created_at");
  CREATE INDEX "webhook_subscriberNumber_idx" ON "webhook_deliveries" USING btree ("webhook_id","subscriber_number");`)

  // Written by hand: the webhooks' outbox is filled by the database itself, in the same transaction
  // as the subscriber's change, whichever code makes it (a confirmation link, an unsubscribe link,
  // an admin, an erasure, an import), so no event is ever missed (newsletter/webhooks.ts sends them).
  await db.execute(sql`
  -- What stays of a call about someone erased: the event, not the person.
  CREATE FUNCTION webhook_body_without_person(body jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object('type', body->'type', 'occurredAt', body->'occurredAt', 'subscriber', jsonb_build_object('erased', true))
  $$;

  CREATE FUNCTION queue_subscriber_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    kind text;
    person subscribers%ROWTYPE;
    data jsonb;
  BEGIN
    IF TG_OP = 'DELETE' THEN
      kind := 'subscriber.erased';
      person := OLD;
    ELSIF NEW.status = 'confirmed' AND (TG_OP = 'INSERT' OR OLD.status <> 'confirmed') THEN
      kind := 'subscriber.confirmed';
      person := NEW;
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'unsubscribed' AND OLD.status <> 'unsubscribed' THEN
      kind := 'subscriber.unsubscribed';
      person := NEW;
    ELSE
      RETURN NULL;
    END IF;

    IF kind = 'subscriber.erased' THEN
      data := jsonb_build_object('email', person.email);
      -- The person's details leave the log of calls already made.
      UPDATE webhook_deliveries SET body = webhook_body_without_person(body)
      WHERE subscriber_number = person.id AND delivered_at IS NOT NULL;
    ELSE
      data := jsonb_build_object(
        'email', person.email, 'firstName', person.first_name, 'lastName', person.last_name,
        'postalCode', person.postal_code, 'status', person.status,
        'confirmedAt', person.confirmed_at, 'unsubscribedAt', person.unsubscribed_at,
        'consent', jsonb_build_object('text', person.consent_text, 'version', person.consent_version,
          'consentedAt', person.consented_at, 'page', person.source_page));
    END IF;

    -- "confirmed" goes to every webhook that wants it; "unsubscribed" and "erased" only where the
    -- tool was told about the person before (a pending address is nobody's business).
    INSERT INTO webhook_deliveries (webhook_id, event, subscriber_number, state, attempts, next_attempt_at, body)
    SELECT w.id, kind::enum_webhook_deliveries_event, person.id, 'waiting', 0, now(),
      jsonb_build_object('type', kind, 'occurredAt', now(), 'subscriber', data)
    FROM webhooks w
    WHERE w.active
      AND CASE kind WHEN 'subscriber.confirmed' THEN w.on_confirm WHEN 'subscriber.unsubscribed' THEN w.on_unsubscribe ELSE w.on_erase END
      AND (kind = 'subscriber.confirmed'
        OR EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.subscriber_number = person.id));
    IF FOUND THEN
      PERFORM pg_notify('webhook_deliveries', '');
    END IF;
    RETURN NULL;
  END
  $$;

  CREATE TRIGGER subscriber_webhooks AFTER INSERT OR UPDATE OF status OR DELETE ON subscribers
    FOR EACH ROW EXECUTE FUNCTION queue_subscriber_webhooks();`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TRIGGER subscriber_webhooks ON subscribers;
  DROP FUNCTION queue_subscriber_webhooks();
  DROP FUNCTION webhook_body_without_person(jsonb);
   DROP TABLE "webhooks" CASCADE;
  DROP TABLE "webhook_deliveries" CASCADE;
  DROP TYPE "public"."enum_webhook_deliveries_event";
  DROP TYPE "public"."enum_webhook_deliveries_state";`)
}
