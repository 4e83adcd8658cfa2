import type { Where } from 'payload'

import type { Subscriber } from '../../payload-types'

export type SubscriberStatus = Subscriber['status']

/** The list's quick filters, in the order shown; the list opens on the first. */
export const STATUS_TABS = [
  { status: 'confirmed', label: 'Confirmed', hint: 'receive the newsletter' },
  { status: 'pending', label: 'Pending', hint: 'signed up, not confirmed yet' },
  { status: 'unsubscribed', label: 'Unsubscribed', hint: 'asked to stop, or were stopped' },
] as const satisfies { status: SubscriberStatus; label: string; hint: string }[]

export const ALL_STATUSES: SubscriberStatus[] = STATUS_TABS.map((tab) => tab.status)

export type StatusTab = SubscriberStatus | 'all'

/** The list filter of a tab: "all" names every status, so that it is a filter too (see defaultToConfirmed). */
export const whereOfTab = (tab: StatusTab): Where => (tab === 'all' ? { status: { in: ALL_STATUSES } } : { status: { equals: tab } })

/**
 * Which tab a list filter is, if it is one: `{ status: { equals } }` as a tab sets it, or the same
 * wrapped in the single-branch `or`/`and` the admin's filter builder makes. Anything more is a
 * filter of the admin's own (`custom`).
 */
export function tabOfWhere(where: Where | undefined): StatusTab | 'custom' | undefined {
  if (!where || Object.keys(where).length === 0) return undefined
  const keys = Object.keys(where)
  if (keys.length === 1 && (keys[0] === 'or' || keys[0] === 'and')) {
    const branches = where[keys[0]] as Where[]
    return Array.isArray(branches) && branches.length === 1 ? tabOfWhere(branches[0]) : 'custom'
  }
  if (keys.length !== 1 || keys[0] !== 'status') return 'custom'
  const condition = where.status as Record<string, unknown>
  const ops = Object.keys(condition)
  if (ops.length !== 1) return 'custom'
  if (ops[0] === 'equals' && ALL_STATUSES.includes(condition.equals as SubscriberStatus)) return condition.equals as SubscriberStatus
  const list = condition.in
  const values = Array.isArray(list) ? list : typeof list === 'string' ? list.split(',') : []
  if (ops[0] === 'in' && ALL_STATUSES.every((status) => values.includes(status))) return 'all'
  return 'custom'
}
