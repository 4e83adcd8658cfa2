import { Agent, request } from 'node:http'

export type SignupResult = { email: string; status: number; ms: number; body: string }

/** The n-th of many loopback addresses (127.1.0.1 …), each a visitor of its own to the site server. */
export const visitorAddress = (n: number) => `127.${1 + Math.floor(n / 65_000)}.${Math.floor((n % 65_000) / 250)}.${1 + (n % 250)}`

/**
 * One sign-up as the site's enhanced form sends it (a form post asking for JSON), from a given
 * source address, on a connection of its own unless an `agent` (a visitor's browser, keeping its
 * connection) is given. A connection that fails answers status 0.
 */
export function postSignup(
  siteUrl: string,
  email: string,
  { from, agent, fields = {} }: { from?: string; agent?: Agent; fields?: Record<string, string> } = {},
): Promise<SignupResult> {
  const body = new URLSearchParams({ email, firstName: 'Surge', sourcePage: '/wire', ...fields }).toString()
  const started = performance.now()
  return new Promise((resolve) => {
    const req = request(
      `${siteUrl}/wire/signup`,
      {
        method: 'POST',
        agent: agent ?? false,
        localAddress: agent ? undefined : from,
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
 * life). With `keepAlive`, each visitor keeps one connection open for its sign-ups, as a browser
 * that has just loaded the page does. `onResult` sees each answer as it comes.
 */
export async function signupSurge(
  siteUrl: string,
  emails: string[],
  {
    concurrency = 50,
    firstVisitor = 0,
    visitors = emails.length,
    keepAlive = false,
    onResult,
  }: { concurrency?: number; firstVisitor?: number; visitors?: number; keepAlive?: boolean; onResult?: (result: SignupResult) => void } = {},
): Promise<SignupResult[]> {
  const results: SignupResult[] = new Array(emails.length)
  const agents = new Map<number, Agent>()
  const agentOf = (visitor: number) => {
    if (!agents.has(visitor)) agents.set(visitor, new Agent({ keepAlive: true, maxSockets: 1, localAddress: visitorAddress(visitor) }))
    return agents.get(visitor)!
  }
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < emails.length) {
        const i = next++
        const visitor = firstVisitor + (i % visitors)
        results[i] = await postSignup(siteUrl, emails[i]!, keepAlive ? { agent: agentOf(visitor) } : { from: visitorAddress(visitor) })
        onResult?.(results[i]!)
      }
    }),
  )
  for (const agent of agents.values()) agent.destroy()
  return results
}
