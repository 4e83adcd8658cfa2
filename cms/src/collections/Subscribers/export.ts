import { Forbidden, type PayloadRequest, type Where } from 'payload'
import type { PoolClient } from 'pg'
import { type CopyToStreamQuery, to as copyTo } from 'pg-copy-streams'

import { adminsOnly } from '../../http/errorAnswer'
import { type StatusTab, tabOfWhere, whereOfTab } from './listFilter'

/**
 * The subscriber CSV: every row the admin's list shows (its filter and its search, all pages),
 * streamed from PostgreSQL's COPY so a list of any length leaves in constant memory.
 */

/** The file's columns: the names mailing tools recognise on import, and the consent evidence. */
const COLUMNS: [heading: string, sql: string][] = [
  ['Email Address', safeText('email')],
  ['First Name', safeText('first_name')],
  ['Last Name', safeText('last_name')],
  ['Postal Code', safeText('postal_code')],
  ['Status', 'status::text'],
  ['Signed Up At', utc('created_at')],
  ['Consent Version', safeText('consent_version')],
  ['Consent Text', safeText('consent_text')],
  ['Consented At', utc('consented_at')],
  ['Signed Up On Page', safeText('source_page')],
  ['Confirmed At', utc('confirmed_at')],
  ['Unsubscribed At', utc('unsubscribed_at')],
]

/**
 * A text column as a spreadsheet can open it safely: a cell starting like a formula (OWASP's CSV
 * injection list: = + - @ tab, carriage return) gets a leading apostrophe, so it shows as text and
 * runs nothing. Done in SQL, so every way text got in (admin, API, an import) is covered.
 */
function safeText(column: string): string {
  return `CASE WHEN left(${column}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${column} ELSE ${column} END`
}

/** A moment as ISO 8601 in UTC, which every tool reads the same way. */
function utc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
}

/** Excel reads a CSV as UTF-8 (names with accents, Hebrew) only when it starts with this mark. */
const UTF8_BOM = '\uFEFF'

/**
 * What an export holds: a status tab of the list (or "all") or a filter of the admin's own, and the
 * list's search; `where` says the same as Payload's query, `label` names it in the file name.
 */
export type ExportSelection = { tab: StatusTab | 'custom'; search: string; where: Where; label: string }

/**
 * What an export holds, from the list's own query string (`where`, `search`): the list's filter, or
 * confirmed subscribers when there is none (the list opens there too), narrowed by the search the
 * way the list searches.
 */
export function exportSelection(query: PayloadRequest['query'], searchableFields: string[]): ExportSelection {
  const listWhere = isWhere(query.where) ? query.where : undefined
  const tab: StatusTab | 'custom' = tabOfWhere(listWhere) ?? 'confirmed'
  const filter = tab === 'custom' ? listWhere! : whereOfTab(tab)
  const search = typeof query.search === 'string' ? query.search.trim() : ''
  const label = `${tab === 'custom' ? 'filtered' : tab}${search ? '-search' : ''}`
  const where = search ? { and: [filter, { or: searchableFields.map((field) => ({ [field]: { like: search } })) }] } : filter
  return { tab, search, where, label }
}

const isWhere = (value: unknown): value is Where => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `subscribers-confirmed-2026-11-30-1607-UTC.csv`: what the file holds and when it was made. */
function exportFileName(label: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 16).replace('T', '-').replace(':', '')
  return `subscribers-${label}-${stamp}-UTC.csv`
}

/** A field's column, by Payload's naming (firstName → first_name). */
const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/**
 * A status tab and a search as one SQL condition, as Payload's query says them: the status, and
 * for the search, any searchable field containing every word of it (case-insensitive, `like`).
 */
function tabSql({ tab, search }: ExportSelection, searchableFields: string[]): { condition: string; values: string[] } {
  const values: string[] = []
  const conditions: string[] = []
  if (tab !== 'all') {
    values.push(tab)
    conditions.push(`status::text = $${values.length}`)
  }
  const words = search.split(' ').filter(Boolean)
  if (words.length > 0) {
    const fieldMatches = searchableFields.map((field) => {
      const wordMatches = words.map((word) => {
        values.push(`%${word}%`)
        return `${columnOf(field)} ILIKE $${values.length}`
      })
      return `(${wordMatches.join(' AND ')})`
    })
    conditions.push(`(${fieldMatches.join(' OR ')})`)
  }
  return { condition: conditions.join(' AND ') || 'true', values }
}

/** Ids are read in pages of this many when a filter of the admin's own goes through Payload. */
const ID_PAGE = 5_000

/**
 * Puts the ids of the selection into the transaction's `export_ids`: a tab and search in one
 * INSERT … SELECT; a filter of the admin's own through Payload: its local API checks the filter
 * first (operators, fields that cannot be queried, read access), then its database adapter reads
 * the ids page by page (the same query, without building each document), so memory stays flat.
 */
async function collectIds(req: PayloadRequest, client: PoolClient, selection: ExportSelection): Promise<void> {
  const fields = searchableFields(req)
  if (selection.tab !== 'custom') {
    const { condition, values } = tabSql(selection, fields)
    await client.query(`INSERT INTO export_ids SELECT id FROM subscribers WHERE ${condition}`, values)
    return
  }
  await req.payload.count({ collection: 'subscribers', where: selection.where, overrideAccess: false, user: req.user, req })
  // The read rule's own filter, as the local API would add it (admins read every subscriber today).
  const readRule = await req.payload.collections.subscribers.config.access.read({ req })
  if (!readRule) throw new Forbidden(req.t)
  const where = typeof readRule === 'object' ? { and: [selection.where, readRule] } : selection.where
  let after = 0
  for (;;) {
    const { docs } = await req.payload.db.find<{ id: number }>({
      collection: 'subscribers',
      where: { and: [where, { id: { greater_than: after } }] },
      sort: 'id',
      limit: ID_PAGE,
      pagination: false,
      select: { id: true },
      req,
    })
    if (docs.length === 0) return
    await client.query('INSERT INTO export_ids SELECT unnest($1::int[])', [docs.map((doc) => doc.id)])
    after = docs.at(-1)!.id
  }
}

const searchableFields = (req: PayloadRequest): string[] => req.payload.collections.subscribers.config.admin.listSearchableFields ?? ['email']

/** GET /api/subscribers/export/preview: how many rows the export would hold, and its file name. */
export const exportPreviewEndpoint = adminsOnly({
  refusal: 'Only admins can export subscribers.',
  path: '/export/preview',
  method: 'get',
  handler: async (req) => {
    const { where, label } = exportSelection(req.query, searchableFields(req))
    const { totalDocs } = await req.payload.count({ collection: 'subscribers', where, overrideAccess: false, user: req.user, req })
    return Response.json({ rows: totalDocs, fileName: exportFileName(label, new Date()) })
  },
})

/**
 * GET /api/subscribers/export: the CSV download, for admins. The matching ids go into a temporary
 * table in one transaction (collectIds), and COPY streams the rows joined to it; the export is recorded (who,
 * which filter, how many rows) once the whole file has been sent.
 */
export const exportEndpoint = adminsOnly({
  refusal: 'Only admins can export subscribers.',
  path: '/export',
  method: 'get',
  handler: async (req) => {
    const selection = exportSelection(req.query, searchableFields(req))
    const fileName = exportFileName(selection.label, new Date())

    const client = await req.payload.db.pool.connect()
    let rows: CopyToStreamQuery
    try {
      await client.query('BEGIN')
      await client.query('CREATE TEMPORARY TABLE export_ids (id integer PRIMARY KEY) ON COMMIT DROP')
      await collectIds(req, client, selection)
      const columns = COLUMNS.map(([heading, sql]) => `${sql} AS "${heading}"`).join(', ')
      rows = client.query(copyTo(`COPY (SELECT ${columns} FROM subscribers JOIN export_ids USING (id) ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER true)`))
    } catch (error) {
      client.release(error as Error) // a connection released with an error is closed, and its transaction with it
      throw error
    }
    const exportedBy = Number(req.user!.id)
    rows.once('close', () => {
      if (rows.readableEnded && !rows.errored) {
        void client
          .query('COMMIT')
          .then(() => client.release())
          .then(() =>
            req.payload.create({
              collection: 'subscriber-exports',
              data: { exportedBy, selection: selection.label, rows: rows.rowCount },
              overrideAccess: true,
            }),
          )
          .catch((error) => req.payload.logger.error({ err: error }, 'Recording a subscriber export failed'))
      } else {
        // An abandoned download or a failed COPY: the connection is mid-COPY, so it is closed rather than reused.
        client.release(rows.errored ?? new Error('The subscriber export stopped before its end.'))
      }
    })
    return new Response(byteStream(withBom(rows)), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Cache-Control': 'no-store',
      },
    })
  },
})

/** The rows behind the byte-order mark; a reader that stops early (return()) ends the COPY too. */
async function* withBom(rows: CopyToStreamQuery): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  yield new TextEncoder().encode(UTF8_BOM)
  for await (const chunk of rows) yield chunk
}

/** A response body read chunk by chunk as the client takes it; a client gone cancels the source. */
function byteStream(chunks: AsyncGenerator<Uint8Array<ArrayBuffer>>): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await chunks.next()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}
