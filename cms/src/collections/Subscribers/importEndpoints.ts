import type { PayloadRequest } from 'payload'

import { adminsOnly, errorAnswer } from '../../http/errorAnswer'
import { countImport, type ImportCounts, ImportError, importedWaiting, importList, NoConsentText, readImportFile, sendImportConfirmations } from './importList'

/**
 * The import's routes, for admins: POST /api/subscribers/import/preview (what the file holds and
 * what importing it would do), POST /api/subscribers/import (do it), and
 * POST /api/subscribers/import/send-confirmations (email a batch of imported people still pending).
 * The file comes as an upload (multipart/form-data: `file`, and `source` to import), so the
 * request guard allows it up to 50 MB (http/refuseHostileInput.ts).
 */

/** How many bad rows an answer lists (it always says how many there are). */
const LISTED_BAD_ROWS = 200

type Upload = { csv: string; fileName: string; source: string }

/** The request's upload, or the answer that says what is wrong with it. */
async function uploadOf(req: PayloadRequest): Promise<Upload | Response> {
  const form = await req.formData?.().catch(() => null)
  const file = form?.get('file')
  if (!(file instanceof File)) return errorAnswer(400, 'Choose a CSV file to import.', 'file')
  const source = form?.get('source')
  return { csv: await file.text(), fileName: file.name.trim().slice(0, 200) || 'list.csv', source: typeof source === 'string' ? source.trim() : '' }
}

/**
 * The counts in words, for the log and the admin: what an import did, or, before it (`when:
 * 'ahead'`), what it will do, so a preview never reads as if the list had changed.
 */
function summaryOf(counts: ImportCounts, badRows: number, duplicates: number, when: 'ahead' | 'done' = 'done'): string {
  const { added, alreadyOnList } = counts
  if (when === 'ahead') {
    return [
      `Nothing is imported yet. The import will add ${added.confirmed} confirmed, ${added.pending} pending (not emailed) and ${added.unsubscribed} unsubscribed.`,
      `Already on the list: ${alreadyOnList.confirmed} to be confirmed by the file, ${alreadyOnList.unsubscribed} to be unsubscribed by it, ${alreadyOnList.unchanged} to be left as they are.`,
      `Rows to be left out: ${badRows}; repeated addresses to be merged: ${duplicates}.`,
    ].join(' ')
  }
  return [
    `Added ${added.confirmed} confirmed, ${added.pending} pending (not emailed) and ${added.unsubscribed} unsubscribed.`,
    `Already on the list: ${alreadyOnList.confirmed} confirmed by the file, ${alreadyOnList.unsubscribed} unsubscribed by it, ${alreadyOnList.unchanged} left as they were.`,
    `Rows left out: ${badRows}; repeated addresses merged: ${duplicates}.`,
  ].join(' ')
}

function read(upload: Upload) {
  try {
    return readImportFile(upload.csv)
  } catch (error) {
    if (error instanceof ImportError) return errorAnswer(400, error.message, 'file')
    throw error
  }
}

export const importPreviewEndpoint = adminsOnly({
  refusal: 'Only admins can import subscribers.',
  path: '/import/preview',
  method: 'post',
  handler: async (req) => {
    const upload = await uploadOf(req)
    if (upload instanceof Response) return upload
    const file = read(upload)
    if (file instanceof Response) return file
    const counts = await countImport(req.payload.db.pool, file)
    return Response.json({
      fileName: upload.fileName,
      columns: file.columns,
      ignored: file.ignored,
      rows: file.rows.length,
      duplicates: file.duplicates,
      badRows: file.badRows.slice(0, LISTED_BAD_ROWS),
      badRowCount: file.badRows.length,
      counts,
      summary: summaryOf(counts, file.badRows.length, file.duplicates, 'ahead'),
    })
  },
})

export const importEndpoint = adminsOnly({
  refusal: 'Only admins can import subscribers.',
  path: '/import',
  method: 'post',
  handler: async (req) => {
    const upload = await uploadOf(req)
    if (upload instanceof Response) return upload
    if (!upload.source) {
      return errorAnswer(400, 'Say where these people gave their consent (the list, the form, the date range): it is kept as their consent record.', 'source')
    }
    if (upload.source.length > 300) return errorAnswer(400, 'Say where they gave consent in at most 300 characters.', 'source')
    const file = read(upload)
    if (file instanceof Response) return file
    if (file.rows.length === 0) return errorAnswer(400, 'No row of the file can be imported: see the rows left out.', 'file')
    const counts = await importList(req.payload, file, upload)
    const summary = summaryOf(counts, file.badRows.length, file.duplicates)
    await req.payload.create({
      collection: 'subscriber-imports',
      data: { importedBy: Number(req.user!.id), fileName: upload.fileName, source: upload.source, summary },
      overrideAccess: true,
    })
    return Response.json({
      message: `${upload.fileName} is imported. ${summary}`,
      counts,
      badRows: file.badRows.slice(0, LISTED_BAD_ROWS),
      badRowCount: file.badRows.length,
    })
  },
})

/** GET /api/subscribers/import/send-confirmations, for admins: how many imported people wait for a confirmation email, asked before sending. */
export const importConfirmationsWaitingEndpoint = adminsOnly({
  refusal: 'Only admins can email imported subscribers.',
  path: '/import/send-confirmations',
  method: 'get',
  handler: async (req) => Response.json({ waiting: await importedWaiting(req.payload.db.pool) }),
})

export const sendImportConfirmationsEndpoint = adminsOnly({
  refusal: 'Only admins can email imported subscribers.',
  path: '/import/send-confirmations',
  method: 'post',
  handler: async (req) => {
    const body = (await req.json?.().catch(() => ({}))) as { limit?: unknown }
    const limit = Number(body?.limit ?? 500)
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) return errorAnswer(400, 'Send between 1 and 5,000 emails at a time.', 'limit')
    const sent = await sendImportConfirmations(req.payload, limit).catch((error: unknown) => {
      if (error instanceof NoConsentText) return errorAnswer(409, error.message)
      throw error
    })
    if (sent instanceof Response) return sent
    const { queued, waiting } = sent
    return Response.json({ queued, waiting, message: `${queued} confirmation email(s) are on their way; ${waiting} imported people still wait for theirs.` })
  },
})
