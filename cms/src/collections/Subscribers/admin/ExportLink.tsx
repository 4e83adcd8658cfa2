'use client'
import { useConfig, useListQuery } from '@payloadcms/ui'
import * as qs from 'qs-esm'
import { useEffect, useState } from 'react'

type Preview = { rows: number; fileName: string } | { error: string }

/**
 * The subscribers list's one export action: a download of every row the list's filter and search
 * match (all pages, not just this one), with the count and the file name said before the click.
 */
export function ExportLink() {
  const { query } = useListQuery()
  const { config } = useConfig()
  const selection = qs.stringify({ where: query.where, search: query.search || undefined }, { addQueryPrefix: true })
  const exportUrl = `${config.serverURL}${config.routes.api}/subscribers/export`
  const [preview, setPreview] = useState<Preview>()

  useEffect(() => {
    const controller = new AbortController()
    setPreview(undefined)
    fetch(`${exportUrl}/preview${selection}`, { credentials: 'include', signal: controller.signal })
      .then(async (response) => {
        const body = await response.json()
        setPreview(response.ok ? body : { error: body?.errors?.[0]?.message ?? `The export cannot be prepared (HTTP ${response.status}).` })
      })
      .catch((error: Error) => {
        if (error.name !== 'AbortError') setPreview({ error: 'The export cannot be prepared: the CMS did not answer. Reload the page to try again.' })
      })
    return () => controller.abort()
  }, [exportUrl, selection])

  if (!preview) return <p className="subscriber-export">Counting the subscribers to export…</p>
  if ('error' in preview)
    return (
      <p className="subscriber-export subscriber-export--error" role="alert">
        {preview.error}
      </p>
    )
  const people = `${preview.rows.toLocaleString('en')} subscriber${preview.rows === 1 ? '' : 's'}`
  return (
    <p className="subscriber-export">
      <a className="btn btn--style-secondary btn--size-small subscriber-export__link" href={`${exportUrl}${selection}`} download={preview.fileName}>
        Export {people} as CSV
      </a>
      <span className="subscriber-export__hint">
        All pages of this list (its filter and search), with each person’s consent record, as <code>{preview.fileName}</code>.
      </span>
    </p>
  )
}
