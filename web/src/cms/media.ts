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
  filename?: string | null
  alt?: string
  width?: number | null
  height?: number | null
  mimeType?: string | null
  filesize?: number | null
}

/** The site's own address for a media file. */
export const sitePathOf = (filename: string) => `/media/${encodeURIComponent(filename)}`

/** A media document (an upload field's value) as pages use it; undefined when not populated. */
export function toMedia(value: unknown, { cmsUrl, linkTo }: MediaLinks): MediaEntry | undefined {
  if (!value || typeof value !== 'object') return undefined
  const doc = value as MediaDoc
  const source = doc.url ? new URL(doc.url, cmsUrl).href : ''
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
