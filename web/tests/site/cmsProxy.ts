import { createServer } from 'node:http'

import { freePort } from 'cms/testing'

/**
 * A stand-in for the CMS, in front of the real one: it answers every request as the CMS does,
 * except that `edit` may change a JSON answer (it gets the request's path and the parsed body,
 * and returns the body to send, or undefined to leave it). Builds can then see content the
 * shared test CMS does not hold, without other test files seeing it.
 */
export async function startCmsProxy(cmsUrl: string, edit: (path: string, body: unknown) => unknown): Promise<{ url: string; close: () => void }> {
  const server = createServer(async (request, response) => {
    const upstream = await fetch(`${cmsUrl}${request.url}`)
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream'
    let body = Buffer.from(await upstream.arrayBuffer())
    if (type.startsWith('application/json')) {
      const edited = edit(request.url ?? '/', JSON.parse(body.toString()))
      if (edited !== undefined) body = Buffer.from(JSON.stringify(edited))
    }
    response.writeHead(upstream.status, { 'Content-Type': type })
    response.end(body)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() }
}
