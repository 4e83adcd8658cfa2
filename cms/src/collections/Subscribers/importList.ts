import { parse } from 'csv-parse/sync'
import type { Payload } from 'payload'
import type { Pool, PoolClient } from 'pg'

import { checkSignup, emailKey } from '../../contract'
import { inTransaction } from '../../db/transactions'
import { OUTBOX_CHANNEL } from '../../newsletter/recordSignups'

/**
 * Importing a list kept elsewhere (Mailchimp, Action Network, listmonk, or this CMS's own export):
 * the file is read and checked as a whole, previewed, then imported in one transaction. A row
 * becomes confirmed only with its consent evidence (the source the admin names for the file, and
 * the row's own opt-in date); otherwise pending, and nobody is emailed until an admin sends
 * confirmations. Nobody on the list is downgraded: a confirmed person stays confirmed, an
 * unsubscribed one stays unsubscribed.
 */

type Field = 'email' | 'firstName' | 'lastName' | 'fullName' | 'postalCode' | 'consentedAt' | 'unsubscribedAt' | 'status'

/**
 * Column names each field goes by, lower-cased, first match wins: Mailchimp's audience export
 * (Email Address, First Name, Last Name, CONFIRM_TIME, OPTIN_TIME, UNSUB_TIME), Action Network's
 * (email, first_name, last_name, zip_code, can2_subscription_status), listmonk's (email, name,
 * status, created_at) and this CMS's own (Email Address, …, Consented At, Unsubscribed At, Status).
 */
const RECOGNISED: Record<Field, string[]> = {
  email: ['email address', 'email', 'e-mail', 'email_address'],
  firstName: ['first name', 'first_name', 'firstname', 'fname'],
  lastName: ['last name', 'last_name', 'lastname', 'lname'],
  fullName: ['name', 'full name', 'full_name'],
  postalCode: ['postal code', 'postal_code', 'zip_code', 'zip code', 'zip', 'zipcode', 'postcode'],
  consentedAt: ['consented at', 'confirm_time', 'optin_time', 'opt_in_time', 'consented_at', 'subscribed_at', 'created_at', 'created at'],
  unsubscribedAt: ['unsubscribed at', 'unsub_time', 'unsubscribed_at'],
  status: ['status', 'can2_subscription_status', 'subscription_status'],
}

/** Statuses in a file that mean the person asked to stop (or must not be mailed). */
const STOPPED = new Set(['unsubscribed', 'blocklisted', 'blacklisted', 'cleaned', 'bounced', 'bouncing', 'disabled', 'unsubscribe'])

export type ImportStatus = 'confirmed' | 'pending' | 'unsubscribed'

export type ImportRow = {
  line: number
  email: string
  emailKey: string
  firstName: string | null
  lastName: string | null
  postalCode: string | null
  status: ImportStatus
  consentedAt: string | null
  unsubscribedAt: string | null
}

export type ImportFile = {
  /** Which column of the file each field was read from. */
  columns: Partial<Record<Field, string>>
  /** Columns of the file that were not read. */
  ignored: string[]
  rows: ImportRow[]
  /** Rows left out, with the file's line number and why. */
  badRows: { line: number; reason: string }[]
  /** Rows whose address an earlier row of the file already had (merged into it). */
  duplicates: number
}

export class ImportError extends Error {}

const ROW_LIMIT = 200_000

/** A date in the file as an ISO moment; `undefined` for one that cannot be read. */
function dateOf(text: string | undefined): string | null | undefined {
  if (!text?.trim()) return null
  const value = text.trim()
  // Mailchimp writes "2023-01-05 10:00:00" in UTC.
  const date = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** Which of two rows for one address says more: a stop beats a consent, a consent beats nothing. */
const strength = (row: ImportRow) => (row.status === 'unsubscribed' ? 2 : row.status === 'confirmed' ? 1 : 0)

/** Reads and checks a CSV file; throws ImportError when it is not a list at all. */
export function readImportFile(csv: string): ImportFile {
  let records: string[][]
  try {
    // Lenient as spreadsheets write: stray quotes inside a field, rows shorter or longer than the header.
    records = parse(csv, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true })
  } catch (error) {
    throw new ImportError(`The file is not a CSV file that can be read: ${(error as Error).message}`)
  }
  const [header, ...data] = records
  if (!header) throw new ImportError('The file is empty.')
  if (data.length > ROW_LIMIT)
    throw new ImportError(`The file has ${data.length.toLocaleString('en')} rows; import at most ${ROW_LIMIT.toLocaleString('en')} at a time.`)
  const names = header.map((name) => name.toLowerCase())
  const columns: Partial<Record<Field, string>> = {}
  const index: Partial<Record<Field, number>> = {}
  for (const field of Object.keys(RECOGNISED) as Field[]) {
    const at = RECOGNISED[field].map((name) => names.indexOf(name)).find((i) => i !== -1)
    if (at !== undefined) {
      index[field] = at
      columns[field] = header[at]!
    }
  }
  if (index.email === undefined) {
    throw new ImportError(`No column of email addresses: name it "email" or "Email Address" (the columns are: ${header.join(', ')}).`)
  }
  const read = new Set(Object.values(index))
  const ignored = header.filter((_, i) => !read.has(i))

  const byAddress = new Map<string, ImportRow>()
  const badRows: ImportFile['badRows'] = []
  let duplicates = 0
  data.forEach((record, i) => {
    const line = i + 2
    const cell = (field: Field) => (index[field] === undefined ? undefined : record[index[field]!])
    const [first, ...rest] = (cell('fullName') ?? '').split(/\s+/)
    const check = checkSignup({
      email: cell('email'),
      firstName: cell('firstName') ?? (first || undefined),
      lastName: cell('lastName') ?? (rest.join(' ') || undefined),
      postalCode: cell('postalCode'),
    })
    if (check.kind !== 'valid') {
      const errors = check.kind === 'invalid' ? Object.values(check.errors) : ['Not a subscriber.']
      badRows.push({ line, reason: errors.join(' ') })
      return
    }
    const consentedAt = dateOf(cell('consentedAt'))
    const unsubscribedAt = dateOf(cell('unsubscribedAt'))
    if (consentedAt === undefined || unsubscribedAt === undefined) {
      badRows.push({ line, reason: `A date cannot be read: "${consentedAt === undefined ? cell('consentedAt') : cell('unsubscribedAt')}".` })
      return
    }
    const stated = cell('status')?.toLowerCase() ?? ''
    const status: ImportStatus = unsubscribedAt || STOPPED.has(stated) ? 'unsubscribed' : consentedAt ? 'confirmed' : 'pending'
    const { email, firstName, lastName, postalCode } = check.signup
    const row: ImportRow = {
      line,
      email,
      emailKey: emailKey(email),
      firstName: firstName ?? null,
      lastName: lastName ?? null,
      postalCode: postalCode ?? null,
      status,
      consentedAt,
      unsubscribedAt: status === 'unsubscribed' ? (unsubscribedAt ?? null) : null,
    }
    const earlier = byAddress.get(row.emailKey)
    if (earlier) duplicates++
    if (!earlier || strength(row) > strength(earlier)) byAddress.set(row.emailKey, row)
  })
  return { columns, ignored, rows: [...byAddress.values()], badRows, duplicates }
}

export type ImportCounts = {
  /** New people, by the status they are imported with. */
  added: Record<ImportStatus, number>
  /** People already on the list: those confirmed by this import, those left as they were. */
  alreadyOnList: { confirmed: number; unsubscribed: number; unchanged: number }
}

/** The statement's rows, as arrays for unnest (one statement whatever the file's length). */
const columnsOf = (rows: ImportRow[]) => [
  rows.map((r) => r.email),
  rows.map((r) => r.emailKey),
  rows.map((r) => r.firstName),
  rows.map((r) => r.lastName),
  rows.map((r) => r.postalCode),
  rows.map((r) => r.status),
  rows.map((r) => r.consentedAt),
  rows.map((r) => r.unsubscribedAt),
]

const INPUT = `SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
  AS i(email, email_key, first_name, last_name, postal_code, status, consented_at, unsubscribed_at)`

/**
 * What importing would do, against the list as it is: new people by status, and what becomes of
 * those already on it (a pending one with consent in the file becomes confirmed; one in the file
 * as unsubscribed stops unless they confirmed here; everyone else stays as they are).
 */
export async function countImport(db: Pool | PoolClient, file: ImportFile): Promise<ImportCounts> {
  const { rows } = await db.query<{ existing: string | null; status: ImportStatus; count: string }>(
    `WITH input AS (${INPUT})
     SELECT s.status::text AS existing, i.status, count(*) FROM input i LEFT JOIN subscribers s ON s.email_key = i.email_key
     GROUP BY 1, 2`,
    columnsOf(file.rows),
  )
  const counts: ImportCounts = { added: { confirmed: 0, pending: 0, unsubscribed: 0 }, alreadyOnList: { confirmed: 0, unsubscribed: 0, unchanged: 0 } }
  for (const row of rows) {
    const n = Number(row.count)
    if (row.existing === null) counts.added[row.status] += n
    else if (row.existing === 'pending' && row.status !== 'pending') counts.alreadyOnList[row.status === 'confirmed' ? 'confirmed' : 'unsubscribed'] += n
    else counts.alreadyOnList.unchanged += n
  }
  return counts
}

/**
 * Imports the file's rows in one transaction (all or nothing), by the rules countImport states:
 * new addresses are added; an address already on the list keeps its status unless it was
 * pending (the file's consent confirms it, the file's unsubscribe stops it), and keeps its details,
 * gaining only those it lacked. Consent evidence is the source the admin named and the row's
 * opt-in date. Emails nobody. Returns what it did, as countImport said it would.
 */
export async function importList(payload: Payload, file: ImportFile, { source, fileName }: { source: string; fileName: string }): Promise<ImportCounts> {
  return inTransaction(payload, async (client) => {
    // The addresses of the file are locked as they are read, so the counts are what happens.
    await client.query(`SELECT 1 FROM subscribers WHERE email_key = ANY($1::text[]) FOR UPDATE`, [file.rows.map((r) => r.emailKey)])
    const counts = await countImport(client, file)
    await client.query(
      `WITH input AS (${INPUT})
       INSERT INTO subscribers AS s (email, email_key, first_name, last_name, postal_code, status, consent_text, consent_version,
         consented_at, source_page, confirmed_at, unsubscribed_at, unsubscribed_via, imported_from, updated_at, created_at)
       SELECT email, email_key, first_name, last_name, postal_code, status::enum_subscribers_status,
         CASE WHEN consented_at IS NOT NULL THEN $9 END, CASE WHEN consented_at IS NOT NULL THEN 'import' END,
         consented_at, CASE WHEN consented_at IS NOT NULL THEN $10 END,
         CASE WHEN status = 'confirmed' THEN consented_at END,
         CASE WHEN status = 'unsubscribed' THEN COALESCE(unsubscribed_at, now()) END,
         CASE WHEN status = 'unsubscribed' THEN 'import'::enum_subscribers_unsubscribed_via END,
         $11, now(), now()
       FROM input
       ON CONFLICT (email_key) DO UPDATE SET
         first_name = COALESCE(s.first_name, excluded.first_name),
         last_name = COALESCE(s.last_name, excluded.last_name),
         postal_code = COALESCE(s.postal_code, excluded.postal_code),
         status = CASE WHEN s.status = 'pending' THEN excluded.status ELSE s.status END,
         consent_text = CASE WHEN s.status = 'pending' AND excluded.status = 'confirmed' THEN excluded.consent_text ELSE s.consent_text END,
         consent_version = CASE WHEN s.status = 'pending' AND excluded.status = 'confirmed' THEN excluded.consent_version ELSE s.consent_version END,
         consented_at = CASE WHEN s.status = 'pending' AND excluded.status = 'confirmed' THEN excluded.consented_at ELSE s.consented_at END,
         source_page = CASE WHEN s.status = 'pending' AND excluded.status = 'confirmed' THEN excluded.source_page ELSE s.source_page END,
         confirmed_at = CASE WHEN s.status = 'pending' AND excluded.status = 'confirmed' THEN excluded.confirmed_at ELSE s.confirmed_at END,
         unsubscribed_at = CASE WHEN s.status = 'pending' AND excluded.status = 'unsubscribed' THEN excluded.unsubscribed_at ELSE s.unsubscribed_at END,
         unsubscribed_via = CASE WHEN s.status = 'pending' AND excluded.status = 'unsubscribed' THEN excluded.unsubscribed_via ELSE s.unsubscribed_via END,
         imported_from = COALESCE(s.imported_from, excluded.imported_from),
         updated_at = now()`,
      [...columnsOf(file.rows), `Consent given as recorded in: ${source}`, `Imported from ${fileName}`, source],
    )
    return counts
  })
}

/**
 * Queues confirmation emails for up to `limit` imported people still pending and never emailed,
 * as sign-ups of theirs with the consent text the site shows now (confirming the link is their
 * consent), through the newsletter's own outbox and its limits. Returns how many were queued and
 * how many imported people are still waiting for theirs.
 */
export async function sendImportConfirmations(payload: Payload, limit: number): Promise<{ queued: number; waiting: number }> {
  return inTransaction(payload, async (client) => {
    // Without a consent text nothing could be queued, while the people would still be marked as asked.
    const { rows: consent } = await client.query(`SELECT 1 FROM site_settings WHERE coalesce(newsletter_consent_text, '') <> '' LIMIT 1`)
    if (consent.length === 0) throw new NoConsentText()
    const { rows } = await client.query<{ queued: string }>(
      `WITH consent AS (
         SELECT newsletter_consent_text AS text, newsletter_consent_version AS version FROM site_settings ORDER BY id LIMIT 1
       ),
       due AS (
         SELECT id, first_name, last_name, postal_code FROM subscribers
         WHERE status = 'pending' AND imported_from IS NOT NULL AND confirmation_requested_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       ),
       asked AS (UPDATE subscribers s SET confirmation_requested_at = now() FROM due WHERE s.id = due.id RETURNING s.id),
       signups AS (
         INSERT INTO newsletter_signups (id, subscriber_id, first_name, last_name, postal_code, consent_text, consent_version, received_at)
         SELECT gen_random_uuid(), due.id, due.first_name, due.last_name, due.postal_code, consent.text, consent.version, now()
         FROM due CROSS JOIN consent
         RETURNING id, subscriber_id
       ),
       queued AS (INSERT INTO newsletter_outbox (signup_id, subscriber_id) SELECT id, subscriber_id FROM signups RETURNING id)
       SELECT count(*) AS queued, CASE WHEN count(*) > 0 THEN pg_notify('${OUTBOX_CHANNEL}', '') END FROM queued`,
      [limit],
    )
    return { queued: Number(rows[0]!.queued), waiting: await importedWaiting(client) }
  })
}

/** Confirmation emails need the consent text people confirm, from Site settings. */
export class NoConsentText extends Error {
  constructor() {
    super('Set the newsletter’s consent text in Site settings first: it is what each person confirms with the link. Nobody was emailed.')
  }
}

/** How many imported people are still pending and were never sent a confirmation email. */
export async function importedWaiting(db: Pool | PoolClient): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM subscribers WHERE status = 'pending' AND imported_from IS NOT NULL AND confirmation_requested_at IS NULL`,
  )
  return Number(rows[0]!.n)
}
