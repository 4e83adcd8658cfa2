import type { APIRoute } from 'astro'

import { iconPng } from '../cms/siteIcon'

/** The icon phones put on the home screen (180 px), made from the site's icon at build time. */
export const GET: APIRoute = async () => new Response(new Uint8Array(await iconPng(180)), { headers: { 'Content-Type': 'image/png' } })
