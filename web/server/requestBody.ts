import type { IncomingMessage } from 'node:http'

/**
 * A body past this is not read further: the connection is closed after the answer, and a client
 * still sending may see it reset. Reading and dropping is cheap; this only bounds how long one
 * client holds a connection (nginx in front has its own, smaller, client_max_body_size).
 */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024

export type RequestBody = {
  bytes: Uint8Array<ArrayBuffer>
  /** Larger than the limit: its bytes are not kept, and the answer is 413. */
  tooLarge: boolean
  /** So large that it was not read to its end: the answer must close the connection. */
  closeAfter: boolean
}

/**
 * Reads a request's body, of at most `limit` bytes, before anything answers. A larger one is read
 * to its end (up to MAX_DRAIN_BYTES) and discarded: a server that answers while the client is
 * still sending resets the connection, and the client sees an error instead of the answer.
 */
export function readRequestBody(request: IncomingMessage, limit: number): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > MAX_DRAIN_BYTES) {
        request.pause()
        resolve({ bytes: new Uint8Array(), tooLarge: true, closeAfter: true })
      }
    })
    request.on('end', () => resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), tooLarge: size > limit, closeAfter: false }))
    request.on('error', reject)
  })
}
