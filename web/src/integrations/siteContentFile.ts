import { writeFile } from 'node:fs/promises'

import type { AstroIntegration } from 'astro'

import { siteContent } from '../cms/content'
import { SITE_CONTENT_FILE } from '../cms/contentRound'

/**
 * Keeps the content a build's pages were rendered with beside them (site-content.json, next to
 * client/ and server/): the site server's on-demand pages (the newsletter's, previews) show that
 * same content, without asking the CMS (server/liveBuild.ts).
 */
export function siteContentFile(): AstroIntegration {
  return {
    name: 'site-content-file',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await writeFile(new URL(`../${SITE_CONTENT_FILE}`, dir), JSON.stringify(await siteContent()))
      },
    },
  }
}
