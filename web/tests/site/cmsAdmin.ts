import { inject } from 'vitest'

/** Reads the CMS as its admin (the only role that may see subscribers). */
export async function asAdmin<T>(path: string): Promise<T> {
  const response = await fetch(`${inject('cmsUrl')}${path}`, { headers: { Authorization: `JWT ${inject('adminToken')}` } })
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`)
  return (await response.json()) as T
}

export type SubscriberRow = { id: number; email: string; status: string; confirmedAt?: string; unsubscribedAt?: string; sourcePage?: string }

export async function subscriber(email: string): Promise<SubscriberRow | undefined> {
  const { docs } = await asAdmin<{ docs: SubscriberRow[] }>(`/api/subscribers?where[emailKey][equals]=${encodeURIComponent(email.toLowerCase())}`)
  return docs[0]
}
