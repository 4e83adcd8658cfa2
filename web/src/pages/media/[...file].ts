import type { APIRoute, GetStaticPaths } from 'astro'

import { mediaInUse } from '../../cms/content'
import type { MediaEntry } from '../../cms/media'

/**
 * The site's own copy of every media file its pages link (/media/<file name>), fetched from the
 * CMS at build time: the public site serves them itself and never needs the CMS, which may be
 * down or on a private network. A file is fetched again only when it changed (its key is its
 * source and size): other builds reuse the copy.
 */
export const getStaticPaths = (async () =>
  (await mediaInUse()).map((media) => ({
    params: { file: decodeURIComponent(media.url.slice('/media/'.length)) },
    props: { media },
    cacheKey: `${media.source} ${media.filesize ?? ''}`,
  }))) satisfies GetStaticPaths

export const GET: APIRoute<{ media: MediaEntry }> = async ({ props: { media } }) => {
  const response = await fetch(media.source, { signal: AbortSignal.timeout(60_000) })
  if (!response.ok) throw new Error(`Could not copy ${media.source} into the site: the CMS answered ${response.status}`)
  return new Response(await response.arrayBuffer(), { headers: { 'Content-Type': media.mimeType ?? 'application/octet-stream' } })
}
