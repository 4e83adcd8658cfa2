import { z } from 'astro/zod'

// Any origin would do: a site path must resolve to this same one, so that "//host" and "/\host"
// (which browsers read as another host) are not taken for paths.
const SOME_ORIGIN = 'https://site.invalid'

const isSitePath = (value: string) => value.startsWith('/') && URL.parse(value, SOME_ORIGIN)?.origin === SOME_ORIGIN
const isHttpUrl = (value: string) => ['http:', 'https:'].includes(URL.parse(value)?.protocol ?? '')

/**
 * Links from the CMS as pages may use them. The CMS refuses anything else already; this is the
 * second wall, so a `javascript:` or `data:` link that got into the content anyway fails the
 * build (which leaves the live site as it was) instead of reaching a page.
 */
export const httpUrl = z.string().refine(isHttpUrl, { message: 'must be a full http(s) address' })
export const safeHref = z.string().refine((value) => isSitePath(value) || isHttpUrl(value), {
  message: 'must be a path on this site such as /values, or a full http(s) address',
})
