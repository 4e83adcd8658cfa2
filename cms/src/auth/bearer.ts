import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * Whether a request presents `Authorization: Bearer <secret>`. Compared in constant time, on
 * digests so that not even the length of the secret shows in the time taken: a plain comparison
 * stops at the first wrong character and lets the secret be guessed one character at a time.
 */
export function presentsBearer(headers: Headers, secret: string): boolean {
  return timingSafeEqual(digest(headers.get('authorization') ?? ''), digest(`Bearer ${secret}`))
}
