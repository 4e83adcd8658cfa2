import { redirect } from 'next/navigation'
import type { BeforeListTableServerPropsOnly } from 'payload'
import * as qs from 'qs-esm'

import { query } from '../../../db/sql'
import { type StatusTab, whereOfTab } from '../listFilter'
import { StatusTabsClient } from './StatusTabsClient'

/**
 * Above the subscribers list: Confirmed / Pending / Unsubscribed / All, each with how many
 * subscribers it holds, and the Export action for what the list shows. The list opens on
 * Confirmed (the people who get the newsletter): a visit without a filter is sent there, so the
 * list and its export never mix statuses unless the admin asks for All.
 */
export async function StatusTabs({ payload, searchParams }: BeforeListTableServerPropsOnly) {
  const params = (searchParams ?? {}) as Record<string, unknown>
  const filtered = Object.keys(params).some((key) => key === 'where' || key.startsWith('where[') || key === 'search')
  if (!filtered) {
    const { admin } = payload.config.routes
    redirect(`${admin}/collections/subscribers?${qs.stringify({ ...params, where: whereOfTab('confirmed') })}`)
  }
  const rows = await query<{ status: string; count: string }>(payload, `SELECT status::text, count(*) FROM subscribers GROUP BY status`)
  const counts: Record<StatusTab, number> = { confirmed: 0, pending: 0, unsubscribed: 0, all: 0 }
  for (const row of rows) {
    counts[row.status as StatusTab] = Number(row.count)
    counts.all += Number(row.count)
  }
  return <StatusTabsClient counts={counts} />
}
