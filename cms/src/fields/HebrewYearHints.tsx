'use client'
import { useConfig, useDocumentInfo, useField } from '@payloadcms/ui'
import * as qs from 'qs-esm'
import { useEffect, useState } from 'react'

import { fiscalPeriod, hebrewYearError } from './hebrewYearRules'

type Existing = { id: number; title?: string | null }

/**
 * Under the Hebrew year, as it is typed: what is wrong with it (the server's own words; Payload
 * shows a draft's server errors nowhere), else the period and web address it gives, a report that
 * already has that year (with a link to it), and the title it suggests while the title is empty.
 */
export function HebrewYearHints() {
  const { value } = useField<number | string | null>({ path: 'hebrewYear' })
  const title = useField<string | null>({ path: 'title' })
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const year = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  const error = year === null || year === undefined || year === '' ? null : hebrewYearError(year)
  const valid = typeof year === 'number' && !error
  const [existing, setExisting] = useState<Existing>()

  useEffect(() => {
    setExisting(undefined)
    if (!valid) return
    const controller = new AbortController()
    const where = { and: [{ hebrewYear: { equals: year } }, ...(id ? [{ id: { not_equals: id } }] : [])] }
    const query = qs.stringify({ where, draft: true, depth: 0, limit: 1, select: { title: true } }, { addQueryPrefix: true })
    const timer = setTimeout(() => {
      fetch(`${config.serverURL}${config.routes.api}/annual-reports${query}`, { credentials: 'include', signal: controller.signal })
        .then((response) => (response.ok ? response.json() : undefined))
        .then((body: { docs?: Existing[] } | undefined) => setExisting(body?.docs?.[0]))
        .catch(() => {})
    }, 300)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [valid, year, id, config.serverURL, config.routes.api])

  if (error) {
    return (
      <p className="year-hints year-hints--error" role="alert">
        {error}
      </p>
    )
  }
  if (!valid) return null
  const suggested = `Annual Report ${year}`
  return (
    <div className="year-hints">
      <p>
        Reporting period: {fiscalPeriod(year).label}. Web address: /annual-reports/{year}.
      </p>
      {existing && (
        <p className="year-hints--error" role="alert">
          A {year} report already exists:{' '}
          <a href={`${config.routes.admin}/collections/annual-reports/${existing.id}`}>open “{existing.title || `report ${existing.id}`}”</a>. Each year has one
          report.
        </p>
      )}
      {!title.value && (
        <button type="button" className="btn btn--style-secondary btn--size-small year-hints__title" onClick={() => title.setValue(suggested)}>
          Use the title “{suggested}”
        </button>
      )}
    </div>
  )
}
