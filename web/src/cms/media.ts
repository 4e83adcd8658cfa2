import { z } from 'astro/zod'

/** Required text: present and not just spaces. */
export const text = z.string().trim().min(1)

/**
 * Where pages link the CMS's media files: `site` for built pages, which carry their own copy of
 * every file they use under /media/ (pages/media/[...file].ts), so the public site never needs the
 * CMS; `cms` for previews of drafts, whose files may not be published yet, at the CMS's address.
 */
export type MediaLinks = { cmsUrl: string; linkTo: 'site' | 'cms' }

export const mediaSchema = z.object({
  /** Where pages link it. */
  url: text,
  /** Where it is fetched from at build time: the CMS. */
  source: z.url(),
  alt: text,
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  mimeType: z.string().optional(),
  filesize: z.number().optional(),
})
export type MediaEntry = z.infer<typeof mediaSchema>

type MediaDoc = {
  url?: string | null
  updatedAt?: string
  filename?: string | null
  alt?: string
  width?: number | null
  height?: number | null
  mimeType?: string | null
  filesize?: number | null
}

/** The site's own address for a media file. */
export const sitePathOf = (filename: string) => `/media/${encodeURIComponent(filename)}`

/**
 * Where the build fetches a file. Files the CMS serves itself are asked for by their version, so
 * the CMS answers with a copy the build may keep (see the CMS's versionedFiles.ts) and a cover is
 * optimised once, not on every build; a file stored elsewhere is left exactly as its URL says.
 */
function sourceOf(url: string, version: string | undefined, cmsUrl: string): string {
  const source = new URL(url, cmsUrl)
  if (version && source.origin === new URL(cmsUrl).origin) source.searchParams.set('v', version)
  return source.href
}

/** A media document (an upload field's value) as pages use it; undefined when not populated. */
export function toMedia(value: unknown, { cmsUrl, linkTo }: MediaLinks): MediaEntry | undefined {
  if (!value || typeof value !== 'object') return undefined
  const doc = value as MediaDoc
  const source = doc.url ? sourceOf(doc.url, doc.updatedAt, cmsUrl) : ''
  return {
    url: linkTo === 'site' && doc.filename ? sitePathOf(doc.filename) : source,
    source,
    alt: doc.alt ?? '',
    width: doc.width ?? undefined,
    height: doc.height ?? undefined,
    mimeType: doc.mimeType ?? undefined,
    filesize: doc.filesize ?? undefined,
  }
}

/** A file size as people read it: 18 KB, 1.4 MB. */
export function readableSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`
}
