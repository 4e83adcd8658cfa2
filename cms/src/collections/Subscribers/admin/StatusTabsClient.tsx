'use client'
import { useConfig, useListQuery } from '@payloadcms/ui'

import { ExportLink } from './ExportLink'
import { STATUS_TABS, type StatusTab, tabOfWhere, whereOfTab } from '../listFilter'

const TABS: { tab: StatusTab; label: string; hint: string }[] = [
  ...STATUS_TABS.map(({ status, label, hint }) => ({ tab: status, label, hint })),
  { tab: 'all', label: 'All', hint: 'every status' },
]

/** The quick status filters (choosing one replaces the list's filter with it), and the export of what the list shows. */
export function StatusTabsClient({ counts }: { counts: Record<StatusTab, number> }) {
  const { query, handleWhereChange } = useListQuery()
  const { config } = useConfig()
  const current = tabOfWhere(query.where)
  return (
    <>
      <nav className="subscriber-tabs" aria-label="Subscribers by status">
        {TABS.map(({ tab, label, hint }) => (
          <button
            key={tab}
            type="button"
            className="subscriber-tabs__tab"
            aria-current={current === tab ? 'true' : undefined}
            title={hint}
            onClick={() => void handleWhereChange?.(whereOfTab(tab))}
          >
            {label} <span className="subscriber-tabs__count">{counts[tab].toLocaleString('en')}</span>
          </button>
        ))}
        {current === 'custom' && <span className="subscriber-tabs__custom">Showing your own filter</span>}
      </nav>
      <ExportLink />
      <p className="subscriber-import-link">
        <a href={`${config.routes.admin}/import-subscribers`}>Import a list from Mailchimp, Action Network or listmonk…</a>
      </p>
    </>
  )
}
