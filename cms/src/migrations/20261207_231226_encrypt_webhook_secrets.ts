import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

import { isSealed, openWebhookSecret, sealWebhookSecret } from '../newsletter/webhookSecrets'

// Written by hand: webhooks' signing secrets were stored as they are, so a backup alone could sign
// calls to the mailing tool; they are sealed from now on (newsletter/webhookSecrets.ts), and those
// already made are sealed here, under the key this server derives from PAYLOAD_SECRET.
type Row = { id: number; secret: string }

export async function up({ db, payload }: MigrateUpArgs): Promise<void> {
  const { rows } = await db.execute<Row>(sql`SELECT id, secret FROM webhooks WHERE secret IS NOT NULL FOR UPDATE`)
  for (const { id, secret } of rows) {
    if (!isSealed(secret)) await db.execute(sql`UPDATE webhooks SET secret = ${sealWebhookSecret(secret, payload.config.secret)} WHERE id = ${id}`)
  }
}

// Back to secrets as they are: possible only under the PAYLOAD_SECRET they were sealed with (it
// stops, naming the webhook, otherwise).
export async function down({ db, payload }: MigrateDownArgs): Promise<void> {
  const { rows } = await db.execute<Row>(sql`SELECT id, secret FROM webhooks WHERE secret IS NOT NULL FOR UPDATE`)
  for (const { id, secret } of rows) {
    if (!isSealed(secret)) continue
    let plain: string
    try {
      plain = openWebhookSecret(secret, payload.config.secret)
    } catch (error) {
      throw new Error(`Webhook ${id}: ${(error as Error).message}`)
    }
    await db.execute(sql`UPDATE webhooks SET secret = ${plain} WHERE id = ${id}`)
  }
}
