'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { ContentCheck } from '../../payload-types'
import type { Finding } from '../findings'

export type Checked = { findings: Finding[]; errors: Finding[]; warnings: Finding[]; checkedAt?: string | null }

/**
 * The edit view shows the findings in two places (the sidebar panel, the note where Publish was),
 * each asking after the same save: one request answers both. Shared by the save it follows (an
 * autosave finishing while the last one's request is under way reads afresh), and kept only while
 * under way, so the next visit reads them afresh too.
 */
const underWay = new Map<string, Promise<ContentCheck | undefined>>()
function readChecks(url: string, savedAt: string | undefined): Promise<ContentCheck | undefined> {
  const key = `${url} after ${savedAt}`
  let request = underWay.get(key)
  if (!request) {
    request = fetch(url, { credentials: 'include' })
      .then((response) => response.json() as Promise<{ docs?: ContentCheck[] }>)
      .then((body) => body.docs?.[0])
      .finally(() => underWay.delete(key))
    underWay.set(key, request)
  }
  return request
}

/** The checks' findings for the document being edited, read again after each save (autosaves included). */
export function useContentChecks(): Checked | null | undefined {
  const { id, collectionSlug, globalSlug, savedDocumentData } = useDocumentInfo()
  const { config } = useConfig()
  const key = globalSlug ?? (id !== undefined ? `${collectionSlug}:${id}` : undefined)
  const savedAt = typeof savedDocumentData?.updatedAt === 'string' ? savedDocumentData.updatedAt : undefined
  const [checked, setChecked] = useState<Checked | null>()

  useEffect(() => {
    if (!key) return
    let current = true
    const url = `${config.serverURL}${config.routes.api}/content-checks?where[key][equals]=${encodeURIComponent(key)}&limit=1&depth=0`
    readChecks(url, savedAt)
      .then((row) => {
        if (!current) return
        const findings = Array.isArray(row?.findings) ? (row.findings as Finding[]) : []
        setChecked(
          row
            ? {
                findings,
                errors: findings.filter((f) => f.severity === 'error'),
                warnings: findings.filter((f) => f.severity === 'warning'),
                checkedAt: row.checkedAt,
              }
            : null,
        )
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [config.serverURL, config.routes.api, key, savedAt])

  return checked
}
