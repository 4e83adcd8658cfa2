/**
 * What the CMS and the site must agree on, in one place owned by the CMS: imported by the web
 * package as `cms/contract`. Nothing here may depend on Payload or Next.js at run time.
 */
export * from './newsletter'
