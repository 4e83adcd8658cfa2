'use client'
import { Button, ConfirmationModal, useConfig, useModal } from '@payloadcms/ui'
import { useState } from 'react'

import type { ImportCounts } from '../importList'

type Preview = {
  fileName: string
  columns: Record<string, string>
  ignored: string[]
  rows: number
  duplicates: number
  badRows: { line: number; reason: string }[]
  badRowCount: number
  counts: ImportCounts
  summary: string
}
type Problem = { message: string; field?: string }

const SEND_MODAL = 'send-import-confirmations'
/** At most this many confirmation emails a press (the endpoint takes up to 5,000). */
const CONFIRMATIONS_AT_ONCE = 500

const FIELD_NAMES: Record<string, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Name (split into first and last)',
  postalCode: 'Postal code',
  consentedAt: 'Date of consent (opt-in)',
  unsubscribedAt: 'Unsubscribed at',
  status: 'Status',
}

/** The file as an upload, with the source of consent when importing. */
function upload(file: File, source?: string): FormData {
  const form = new FormData()
  form.append('file', file)
  if (source !== undefined) form.append('source', source)
  return form
}

/**
 * The import, in three steps on one page: choose the file and say where its people gave consent;
 * check it (what was recognised, what will happen, which rows are left out and why); import it.
 * Then, for those imported as pending, confirmation emails in batches.
 */
export function ImportForm() {
  const { config } = useConfig()
  const api = `${config.serverURL}${config.routes.api}/subscribers/import`
  const [file, setFile] = useState<File>()
  const [source, setSource] = useState('')
  const [preview, setPreview] = useState<Preview>()
  const [problem, setProblem] = useState<Problem>()
  const [done, setDone] = useState<string>()
  const [sent, setSent] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [waiting, setWaiting] = useState(0)
  const { openModal } = useModal()

  const post = async (url: string, body: FormData | object) => {
    setBusy(true)
    setProblem(undefined)
    try {
      const json = !(body instanceof FormData)
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'include',
        headers: json ? { 'Content-Type': 'application/json' } : undefined,
        body: json ? JSON.stringify(body) : body,
      })
      const answer = await response.json().catch(() => ({}))
      if (!response.ok) {
        setProblem(answer?.errors?.[0] ?? { message: `The CMS answered ${response.status}. Try again.` })
        return undefined
      }
      return answer
    } catch {
      setProblem({ message: 'The CMS did not answer. Check your connection and try again.' })
      return undefined
    } finally {
      setBusy(false)
    }
  }

  const check = async () => {
    if (!file) return setProblem({ message: 'Choose a CSV file first.', field: 'file' })
    setDone(undefined)
    setPreview(await post(`${api}/preview`, upload(file)))
  }
  const runImport = async () => {
    const answer = await post(api, upload(file!, source))
    if (answer) {
      setDone(answer.message)
      setPreview(undefined)
    }
  }
  // Emails go out to real people: the count is said and asked about first.
  const askToSend = async () => {
    const response = await fetch(`${api}/send-confirmations`, { credentials: 'include' }).catch(() => undefined)
    const answer = (await response?.json().catch(() => undefined)) as { waiting?: number } | undefined
    if (!response?.ok || typeof answer?.waiting !== 'number') {
      setSent('The CMS could not be reached to count who is waiting. Try again in a moment.')
      return
    }
    setWaiting(answer.waiting)
    if (answer.waiting === 0) setSent('Nobody imported is waiting for a confirmation email.')
    else openModal(SEND_MODAL)
  }
  const sendConfirmations = async () => {
    const answer = await post(`${api}/send-confirmations`, { limit: CONFIRMATIONS_AT_ONCE })
    if (answer) setSent(answer.message)
  }
  const fieldProblem = (field: string) =>
    problem?.field === field ? (
      <p className="subscriber-import__error" role="alert" id={`${field}-problem`}>
        {problem.message}
      </p>
    ) : null

  return (
    <div className="subscriber-import__form">
      <p>
        A CSV file from Mailchimp, Action Network, listmonk or this site’s own export. People with a date of consent in the file are imported as confirmed; the
        others as pending, and nobody is emailed until you send confirmations below. Nobody already on the list is downgraded, and no one who unsubscribed comes
        back.
      </p>
      <div className="field-type">
        <label className="field-label" htmlFor="import-file">
          CSV file
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={problem?.field === 'file' ? 'file-problem' : undefined}
          onChange={(event) => {
            setPreview(undefined)
            setFile(event.target.files?.[0])
          }}
        />
        {fieldProblem('file')}
      </div>
      <div className="field-type">
        <label className="field-label" htmlFor="import-source">
          Where these people gave their consent
        </label>
        <textarea
          id="import-source"
          rows={2}
          value={source}
          placeholder="e.g. Mailchimp list “Get the Wire”, double opt-in sign-up form, 2019–2026"
          aria-describedby={problem?.field === 'source' ? 'source-problem' : 'source-hint'}
          onChange={(event) => setSource(event.target.value)}
        />
        <p className="field-description" id="source-hint">
          Kept with each person as their consent record, with the date of consent from the file.
        </p>
        {fieldProblem('source')}
      </div>
      {problem && !problem.field && (
        <p className="subscriber-import__error" role="alert">
          {problem.message}
        </p>
      )}
      <Button buttonStyle="secondary" onClick={check} disabled={busy || !file}>
        Check the file
      </Button>

      {preview && (
        <section className="subscriber-import__preview" aria-label="What the file holds">
          <h2>{preview.fileName}</h2>
          <p role="status">{preview.summary}</p>
          <h3>Columns read</h3>
          <table>
            <tbody>
              {Object.entries(preview.columns).map(([field, column]) => (
                <tr key={field}>
                  <th scope="row">{FIELD_NAMES[field] ?? field}</th>
                  <td>{column}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.ignored.length > 0 && <p>Not read: {preview.ignored.join(', ')}.</p>}
          {preview.badRowCount > 0 && (
            <>
              <h3>
                {preview.badRowCount} row{preview.badRowCount === 1 ? '' : 's'} left out
              </h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.badRows.map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>{row.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p id="import-button-note">
            The button adds the rows above to the list, each with the consent record you give; people imported as pending get no email until you send the
            confirmations below.
          </p>
          <Button onClick={runImport} disabled={busy || preview.rows === 0} aria-describedby="import-button-note">
            Import {preview.rows.toLocaleString('en')} {preview.rows === 1 ? 'person' : 'people'}
          </Button>
        </section>
      )}

      {done && (
        <p className="subscriber-import__done" role="status">
          {done} <a href={`${config.routes.admin}/collections/subscribers`}>Open the subscribers</a>.
        </p>
      )}

      <section className="subscriber-import__confirmations" aria-label="Confirmation emails for imported people">
        <h2>Confirmation emails for people imported as pending</h2>
        <p>
          Sends up to {CONFIRMATIONS_AT_ONCE} at a time, through the newsletter’s own email queue; each person confirms with the link, or stays pending. You are
          told how many first.
        </p>
        <Button buttonStyle="secondary" onClick={askToSend} disabled={busy}>
          Send confirmation emails…
        </Button>
        {sent && <p role="status">{sent}</p>}
        <ConfirmationModal
          modalSlug={SEND_MODAL}
          heading={`Email ${Math.min(waiting, CONFIRMATIONS_AT_ONCE).toLocaleString('en')} ${Math.min(waiting, CONFIRMATIONS_AT_ONCE) === 1 ? 'person' : 'people'}?`}
          confirmLabel="Send the emails"
          confirmingLabel="Sending…"
          body={
            <p>
              {waiting.toLocaleString('en')} imported {waiting === 1 ? 'person is' : 'people are'} pending and never emailed.{' '}
              {Math.min(waiting, CONFIRMATIONS_AT_ONCE).toLocaleString('en')} of them get a confirmation email now, each with their own link; the others wait
              for the next round.
            </p>
          }
          onConfirm={sendConfirmations}
        />
      </section>
    </div>
  )
}
