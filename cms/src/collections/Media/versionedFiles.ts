import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { localMediaDir, s3Settings } from '../../config/media'
import { errorAnswer } from '../../http/errorAnswer'

type FileHandler = NonNullable<Extract<CollectionConfig['upload'], object>['handlers']>[number]

/**
 * A media file asked for with its version (`?v=<the document's updatedAt>`, as the site's build
 * asks) never changes at that address: it is sent with a year's immutable caching, so the build
 * keeps its optimised copies of covers between builds instead of making them again every time.
 * A version that is not the file's current one answers 404 (a replaced file is not served under
 * its old version). Requests without a version are Payload's to answer as usual.
 */
export const serveVersionedFile: FileHandler = (req, { params }) => {
  const version = req.searchParams?.get('v')
  // Files in S3 are served by the storage plugin's own handler.
  if (!version || s3Settings()) return
  const dir = path.resolve(localMediaDir())
  const file = path.resolve(dir, params.filename)
  if (!file.startsWith(dir + path.sep)) return
  return (async () => {
    // Payload checked access before handlers run; the document is read for its version.
    const { docs } = await req.payload.find({ collection: 'media', where: { filename: { equals: params.filename } }, limit: 1, depth: 0, overrideAccess: true })
    const media = docs[0]
    const data = media?.updatedAt === version ? await readFile(file).catch(() => undefined) : undefined
    if (!media || !data) return errorAnswer(404, 'There is no such version of this file.')
    return new Response(new Uint8Array(data), {
      headers: {
        'Content-Type': media.mimeType ?? 'application/octet-stream',
        'Content-Length': String(data.length),
        // A file no published content uses is for signed-in staff only: no shared cache keeps it.
        'Cache-Control': `${media.usedByPublished ? 'public' : 'private'}, max-age=31536000, immutable`,
      },
    })
  })()
}
