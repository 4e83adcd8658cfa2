import type { APIRoute } from 'astro'

import { iconPng } from '../cms/siteIcon'

/**
 * /favicon.ico, which browsers ask for on every site whatever the page says: a 32 px icon in an
 * ICO file (one PNG image inside, as ICO allows), made from the site's icon at build time.
 */
export const GET: APIRoute = async () => {
  const png = await iconPng(32)
  const header = Buffer.alloc(22)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // an icon
  header.writeUInt16LE(1, 4) // one image
  header.writeUInt8(32, 6) // width
  header.writeUInt8(32, 7) // height
  header.writeUInt16LE(1, 10) // colour planes
  header.writeUInt16LE(32, 12) // bits per pixel
  header.writeUInt32LE(png.length, 14)
  header.writeUInt32LE(22, 18) // where the image starts
  return new Response(new Uint8Array(Buffer.concat([header, png])), { headers: { 'Content-Type': 'image/x-icon' } })
}
