import { createHash } from 'node:crypto'

import { siteSettings } from './content'

/**
 * `cacheKey`s for the pages of a getStaticPaths route, for Astro's incremental build
 * (astro.config.mjs): a rebuild reuses a page's previous HTML when its key and its code are
 * unchanged. Content is not part of the code, so a key must cover every piece of CMS data its
 * page shows: the page's own entries, the site settings that the layout shows on every page
 * (name, tagline, navigation, footer, newsletter copy), and the year in the footer's copyright.
 *
 * It hashes the entries' page-ready data rather than the CMS documents: the data changes too when
 * the code that turns a document into it does (rich text to HTML, media URLs), and that code is
 * not in the page's module graph.
 */
export async function pageCacheKeys(): Promise<(...entries: { data: unknown }[]) => string> {
  const shared = JSON.stringify({ settings: (await siteSettings()).data, year: new Date().getFullYear() })
  return (...entries) =>
    createHash('sha256')
      .update(shared)
      .update(JSON.stringify(entries.map((entry) => entry.data)))
      .digest('base64url')
}
