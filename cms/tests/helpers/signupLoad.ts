import { request } from 'node:http'

export type SignupResult = { email: string; status: number; ms: number; body: string }

/** The n-th of many loopback addresses (127.1.0.1 …), each a visitor of its own to the site server. */
export const visitorAddress = (n: number) => `127.${1 + Math.floor(n / 65_000)}.${Math.floor((n % 65_000) / 250)}.${1 + (n % 250)}`

/**
 * One sign-up as the site's enhanced form sends it (a form post asking for JSON), from a given
 * source address, on a connection of its own. A connection that fails answers status 0.
 */
export function postSignup(siteUrl: string, email: string, { from, fields = {} }: { from?: string; fields?: Record<string, string> } = {}): Promise<SignupResult> {
  const body = new URLSearchParams({ email, firstName: 'Surge', sourcePage: '/wire', ...fields }).toString()
  const started = performance.now()
  return new Promise((resolve) => {
    const req = request(
      `${siteUrl}/wire/signup`,
      {
        method: 'POST',
        agent: false,
        localAddress: from,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ email, status: response.statusCode ?? 0, ms: performance.now() - started, body: text }))
        response.on('error', () => resolve({ email, status: 0, ms: performance.now() - started, body: '' }))
      },
    )
    req.on('error', () => resolve({ email, status: 0, ms: performance.now() - started, body: '' }))
    req.end(body)
  })
}

/**
 * Signs up every address, `concurrency` at a time, the i-th from visitorAddress(firstVisitor + i),
 * or with `visitors`, from that many visitors in turn (so per-visitor limits apply as in real
 * life). `onResult` sees each answer as it comes.
 */
export async function signupSurge(
  siteUrl: string,
  emails: string[],
  {
    concurrency = 50,
    firstVisitor = 0,
    visitors = emails.length,
    onResult,
  }: { concurrency?: number; firstVisitor?: number; visitors?: number; onResult?: (result: SignupResult) => void } = {},
): Promise<SignupResult[]> {
  const results: SignupResult[] = new Array(emails.length)
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < emails.length) {
        const i = next++
        results[i] = await postSignup(siteUrl, emails[i]!, { from: visitorAddress(firstVisitor + (i % visitors)) })
        onResult?.(results[i]!)
      }
    }),
  )
  return results
}
