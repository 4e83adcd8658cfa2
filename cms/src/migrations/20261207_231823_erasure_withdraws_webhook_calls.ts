import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

// Written by hand (the 'withdrawn' state it uses was added, and committed, by the migration before):
// an erasure stripped the person only from calls already delivered, so calls that never went out
// (a paused or deleted webhook, a receiver that kept failing) kept the address, names, postal code
// and consent record for good. Now the erasure withdraws them: each keeps its event, not the
// person, and is never sent (the erasure supersedes it); the "erased" call itself keeps the
// address alone, which the tool needs to find whom to erase, until it is delivered. A deleted
// webhook's calls, which can no longer go anywhere, are withdrawn the same way.

/** The trigger of migration 20261130_163222_webhooks, as it was: what down puts back. */
const QUEUE_BEFORE = sql`
  CREATE OR REPLACE FUNCTION queue_subscriber_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
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
  $$;`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  -- A call that will never be made: the event stays in the log, the person and the schedule go.
  CREATE FUNCTION withdraw_webhook_calls(ids int[], reason text) RETURNS void LANGUAGE sql AS $$
    UPDATE webhook_deliveries SET body = webhook_body_without_person(body), state = 'withdrawn',
      next_attempt_at = NULL, locked_until = NULL, last_result = reason, updated_at = now()
    WHERE id = ANY(ids)
  $$;`)
  await db.execute(sql`
  CREATE OR REPLACE FUNCTION queue_subscriber_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
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
      -- The person's details leave the log of calls already made...
      UPDATE webhook_deliveries SET body = webhook_body_without_person(body)
      WHERE subscriber_number = person.id AND delivered_at IS NOT NULL;
      -- ...and the calls not made yet are withdrawn: the erasure queued below supersedes them.
      PERFORM withdraw_webhook_calls(
        ARRAY(SELECT id FROM webhook_deliveries WHERE subscriber_number = person.id AND delivered_at IS NULL AND state <> 'withdrawn'),
        'withdrawn: the person was erased before it was sent');
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

  -- A deleted webhook's calls can no longer go anywhere (its id is set null): withdrawn with it.
  CREATE FUNCTION withdraw_deleted_webhook_calls() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM withdraw_webhook_calls(
      ARRAY(SELECT id FROM webhook_deliveries WHERE webhook_id = OLD.id AND delivered_at IS NULL AND state <> 'withdrawn'),
      'withdrawn: the webhook was deleted before it was sent');
    RETURN OLD;
  END
  $$;
  CREATE TRIGGER webhook_calls_withdrawn BEFORE DELETE ON webhooks FOR EACH ROW EXECUTE FUNCTION withdraw_deleted_webhook_calls();`)

  // What earlier erasures and deletions left behind.
  await db.execute(sql`
  SELECT withdraw_webhook_calls(ARRAY(
    SELECT d.id FROM webhook_deliveries d
    WHERE d.delivered_at IS NULL AND d.webhook_id IS NOT NULL AND d.event <> 'subscriber.erased'
      AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = d.subscriber_number)), 'withdrawn: the person was erased before it was sent');
  SELECT withdraw_webhook_calls(ARRAY(SELECT id FROM webhook_deliveries WHERE delivered_at IS NULL AND webhook_id IS NULL),
    'withdrawn: the webhook was deleted before it was sent');`)
}

// Back to the trigger as it was. The old states cannot say "withdrawn": such calls become
// "delivered" (their last result still says they were withdrawn), so nothing sends them, stripped
// as they are, and the migration before can drop the state.
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER webhook_calls_withdrawn ON webhooks;
  DROP FUNCTION withdraw_deleted_webhook_calls();`)
  await db.execute(QUEUE_BEFORE)
  await db.execute(sql`
  DROP FUNCTION withdraw_webhook_calls(int[], text);
  UPDATE webhook_deliveries SET state = 'delivered', delivered_at = updated_at WHERE state = 'withdrawn';`)
}
