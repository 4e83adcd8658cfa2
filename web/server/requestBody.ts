import type { IncomingMessage } from 'node:http'

/**
 * A body past this gets LINGER_MS more to end; one still arriving then is answered, and its
 * connection closed after the answer (a client still sending may then see it reset). Reading and
 * dropping is cheap; this only bounds how long one client holds a connection (nginx in front has
 * its own, smaller, client_max_body_size).
 */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024
const LINGER_MS = 30_000

export type RequestBody = {
  bytes: Uint8Array<ArrayBuffer>
  /** Larger than the limit: its bytes are not kept, and the answer is 413. */
  tooLarge: boolean
  /** Still arriving LINGER_MS after MAX_DRAIN_BYTES: the answer must close the connection. */
  closeAfter: boolean
}

/**
 * Reads a request's body, of at most `limit` bytes, before anything answers. A larger one is read
 * to its end and discarded: a server that answers and closes while the client is still sending
 * resets the connection, and the client sees an error instead of the answer (nothing at all, if it
 * reads only once it has sent everything, as simple clients do). So even a body past
 * MAX_DRAIN_BYTES is read on, for up to LINGER_MS, before the answer that closes.
 */
export function readRequestBody(request: IncomingMessage, limit: number): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let deadline: NodeJS.Timeout | undefined
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > MAX_DRAIN_BYTES && !deadline) {
        deadline = setTimeout(() => resolve({ bytes: new Uint8Array(), tooLarge: true, closeAfter: true }), LINGER_MS).unref()
      }
    })
    request.on('end', () => {
      clearTimeout(deadline)
      resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), tooLarge: size > limit, closeAfter: false })
    })
    request.on('error', reject)
  })
}
