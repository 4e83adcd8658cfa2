import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { AstroIntegration } from 'astro'
import * as pagefind from 'pagefind'

/** Where the index goes in the built site, and where /search loads it from. */
export const SEARCH_BUNDLE = 'pagefind'

/** Pagefind's ready-made interfaces: /search has its own small script on Pagefind's API instead. */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight)\./

/** The route a built page answers at, as the site links it: `faq/index.html` is `/faq`. */
export const routeOf = (relativeFile: string) =>
  `/${relativeFile
    .split(path.sep)
    .join('/')
    .replace(/(^|\/)index\.html$/, '')
    .replace(/\.html$/, '')}`

export type SearchIndexStats = { pages: number; files: number; bytes: number }

/**
 * Indexes every built HTML page under `root` with Pagefind and writes the index to
 * `root/pagefind/`, replacing any earlier one: the whole output is indexed on every build, so an
 * incremental build (which reuses pages it did not render) gets an index of all of them.
 * Only the regions pages mark with `data-pagefind-body` are indexed (values, FAQ, reports), each
 * at its site URL, so results link to `/faq#anchor` rather than `/faq/index.html`. Pages are
 * added in path order, so the same site gives the same index files.
 */
export async function writeSearchIndex(root: string): Promise<SearchIndexStats> {
  // A chart's text (role="img") repeats the figures of the table beside it, which is indexed; a
  // disclosure's summary ("Show the figures as a table") is a control, not content.
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: ['[role="img"]', 'details > summary'] })
  if (!index) throw new Error(`Pagefind could not start an index: ${errors.join('; ')}`)
  try {
    const out = path.join(root, SEARCH_BUNDLE)
    await rm(out, { recursive: true, force: true })
    const pages = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort()
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: routeOf(page), content: await readFile(path.join(root, page), 'utf8') })
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${page}: ${added.errors.join('; ')}`)
    }
    const { files, errors: failed } = await index.getFiles()
    if (failed.length > 0) throw new Error(`Pagefind could not write its index: ${failed.join('; ')}`)
    const kept = files.filter((file) => !UNUSED.test(file.path))
    for (const file of kept) {
      const target = path.join(out, file.path)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, file.content)
    }
    const indexed = JSON.parse(new TextDecoder().decode(kept.find((file) => file.path === 'pagefind-entry.json')!.content)) as {
      languages: Record<string, { page_count: number }>
    }
    return {
      pages: Object.values(indexed.languages).reduce((sum, language) => sum + language.page_count, 0),
      files: kept.length,
      bytes: kept.reduce((sum, file) => sum + file.content.byteLength, 0),
    }
  } finally {
    await pagefind.close()
  }
}

/**
 * The site's search index (Pagefind), written into the build at `astro:build:done`. Astro runs
 * each integration's hook in turn, in the order of the config's `integrations`: this one must
 * come before `precompress`, so that the index's scripts and JSON get their brotli and gzip
 * copies too (its index files are gzipped by Pagefind already).
 */
export function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now()
        const { pages, files, bytes } = await writeSearchIndex(fileURLToPath(dir))
        logger.info(`${pages} pages indexed for search: ${files} files, ${Math.round(bytes / 1024)} KB, in ${Math.round(performance.now() - started)} ms`)
      },
    },
  }
}
