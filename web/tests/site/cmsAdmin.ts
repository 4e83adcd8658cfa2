import { inject } from 'vitest'

import { ADMIN } from '../setup/builtSite'

let token: string | undefined

/** Reads the CMS as its admin (the only role that may see subscribers). */
export async function asAdmin<T>(path: string): Promise<T> {
  const cmsUrl = inject('cmsUrl')
  token ??= ((await (await fetch(`${cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })).json()) as { token: string }).token
  const response = await fetch(`${cmsUrl}${path}`, { headers: { Authorization: `JWT ${token}` } })
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`)
  return (await response.json()) as T
}

export type SubscriberRow = { id: number; email: string; status: string; confirmedAt?: string; unsubscribedAt?: string; sourcePage?: string }

export async function subscriber(email: string): Promise<SubscriberRow | undefined> {
  const { docs } = await asAdmin<{ docs: SubscriberRow[] }>(`/api/subscribers?where[emailKey][equals]=${encodeURIComponent(email.toLowerCase())}`)
  return docs[0]
}

