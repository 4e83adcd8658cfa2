import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse, type HTMLElement } from 'node-html-parser'
import { inject } from 'vitest'

/** Reads the site built by tests/setup/builtSite.ts. */
export const siteDir = () => path.join(inject('siteDir'), 'client')

/** A built page by its route: `/faq` is faq/index.html, `/404` is 404.html. */
export function page(route: string): HTMLElement {
  const asFolder = path.join(siteDir(), route, 'index.html')
  const file = existsSync(asFolder) ? asFolder : path.join(siteDir(), `${route}.html`)
  return parse(readFileSync(file, 'utf8'))
}

export const text = (element: HTMLElement | null | undefined) => element?.textContent.replace(/\s+/g, ' ').trim() ?? ''

/** Every built HTML page, as a route and its file. */
export function htmlPages(): { route: string; file: string }[] {
  const pages: { route: string; file: string }[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.html')) {
        const relative = path.relative(siteDir(), full)
        pages.push({ route: '/' + relative.replace(/(^|\/)index\.html$/, '').replace(/\.html$/, ''), file: full })
      }
    }
  }
  walk(siteDir())
  return pages.sort((a, b) => a.route.localeCompare(b.route))
}

/** The paths the built sitemap lists. */
export const sitemapRoutes = (): string[] =>
  [...readFileSync(path.join(siteDir(), 'sitemap-0.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc!).pathname)
