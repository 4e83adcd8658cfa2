/**
 * The site's addresses that the CMS links to (in build reasons, emails, previews), built in one
 * place: a route renamed here is renamed for both, and web's contract test checks that each one
 * is a page of the built site.
 */
export const SITE_ROUTES = {
  home: '/',
  values: '/values',
  /** A core value: its anchor on the values page. */
  valueEntry: (anchor: string) => `/values#${encodeURIComponent(anchor)}`,
  faq: '/faq',
  /** An FAQ entry: its anchor on the FAQ page. */
  faqEntry: (anchor: string) => `/faq#${encodeURIComponent(anchor)}`,
  reports: '/annual-reports',
  report: (slug: string) => `/annual-reports/${encodeURIComponent(slug)}`,
  wire: '/wire',
  search: '/search',
  /** Where a confirmation email's link leads. */
  confirm: (token: string) => `/wire/confirm?token=${encodeURIComponent(token)}`,
  /** Where every email's unsubscribe link leads. */
  unsubscribe: (token: string) => `/wire/unsubscribe?token=${encodeURIComponent(token)}`,
  /** Where someone without their emails can unsubscribe. */
  unsubscribeWithoutEmail: '/wire/unsubscribe',
  /** The annual reports' RSS feed. */
  feed: '/rss.xml',
  /** In development only: makes the dev server reload its content from the CMS. */
  devRefresh: '/_refresh',
} as const

/**
 * The site's fixed pages a link in content may point to (besides each published report's page and
 * the anchors of values and FAQ entries): the checks before publishing refuse a link elsewhere on
 * the site, and web's contract test proves each answers.
 */
export const LINKABLE_PAGES = [
  SITE_ROUTES.home,
  SITE_ROUTES.values,
  SITE_ROUTES.faq,
  SITE_ROUTES.reports,
  SITE_ROUTES.wire,
  SITE_ROUTES.search,
  SITE_ROUTES.unsubscribeWithoutEmail,
  SITE_ROUTES.feed,
] as const

/**
 * The policy every media file is sent with, by the CMS (/api/media/file/) and by the public site
 * (/media/: the site server, and nginx, whose template has it written out): were a browser ever
 * to take a file for a page, nothing in it would run, and it would have no origin to act for.
 * Images and PDFs show as before (an <img> ignores it; Chromium opens a PDF under it).
 */
export const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"

/** Where the CMS answers when CMS_URL is not set: on this machine, in development. */
export const DEFAULT_CMS_URL = 'http://localhost:3000'

/** Where the public site answers when SITE_URL is not set: on this machine, in development. */
export const DEFAULT_SITE_URL = 'http://localhost:4321'

/** The Hebrew years an annual report may have: 5750 (1989/90) to 5900 (2139/40). */
export const HEBREW_YEARS = { min: 5750, max: 5900 } as const

/**
 * The file every site build keeps beside its pages (`<build>/site-content.json`, never served):
 * the content it was built from, as the site's entries. The CMS compares two builds' files to say
 * what a rollback will change.
 */
export const SITE_CONTENT_FILE = 'site-content.json'
