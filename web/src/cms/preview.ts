import { createHmac, timingSafeEqual } from 'node:crypto'

import type { AnnualReport } from '../../../cms/src/payload-types'
import { cmsUrl, siteServerToken } from './siteServer'

/**
 * Checks a preview link's secret: the CMS signs `preview:<collection>:<id>:<expiry>` with the
 * secret it shares with this server (cms/src/publishing/preview.ts) and an expiry an hour ahead.
 */
export function checkPreviewToken(token: string | null, collection: string, id: string, secret: string, now = Date.now()): 'valid' | 'invalid' | 'expired' {
  const match = /^(\d{13})\.([\w-]{43})$/.exec(token ?? '')
  if (!match) return 'invalid'
  const expected = createHmac('sha256', secret).update(`preview:${collection}:${id}:${match[1]}`).digest()
  const given = Buffer.from(match[2]!, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid'
  return Number(match[1]) < now ? 'expired' : 'valid'
}

export const previewSecret = siteServerToken

/** The latest draft of a report, read from the CMS with the site server's token. */
export async function fetchDraftReport(id: string): Promise<AnnualReport | null> {
  const response = await fetch(`${cmsUrl()}/api/annual-reports/${encodeURIComponent(id)}/preview-data`, {
    headers: { Authorization: `Bearer ${siteServerToken()}` },
    signal: AbortSignal.timeout(15_000),
  })
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`The CMS at ${cmsUrl()} answered ${response.status} for the draft of report ${id}`)
  return (await response.json()) as AnnualReport
}

