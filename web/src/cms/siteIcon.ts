import sharp from 'sharp'

import mark from '../assets/site-icon.svg?raw'
import { siteSettings } from './content'

/**
 * The site's icon (favicon, home-screen icon) as a square PNG of `size` pixels: the image set in
 * the CMS's site settings, or else the organization's mark, drawn in its colours.
 */
export async function iconPng(size: number): Promise<Buffer> {
  const { icon } = (await siteSettings()).data
  if (!icon)
    return sharp(Buffer.from(mark), { density: (72 * size) / 64 })
      .resize(size, size)
      .png()
      .toBuffer()
  const response = await fetch(icon.source, { signal: AbortSignal.timeout(60_000) })
  if (!response.ok) throw new Error(`Could not fetch the site icon ${icon.source}: the CMS answered ${response.status}`)
  return sharp(Buffer.from(await response.arrayBuffer()))
    .resize(size, size, { fit: 'cover' })
    .png()
    .toBuffer()
}
