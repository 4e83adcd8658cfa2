// @ts-check
import node from '@astrojs/node'
import sitemap from '@astrojs/sitemap'
import { defineConfig } from 'astro/config'

import { cmsRefresh } from './src/integrations/cmsRefresh'

const cmsUrl = new URL(process.env.CMS_URL || 'http://localhost:3000')

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  // Static pages; the few on-demand routes (newsletter, preview) opt out with `prerender = false`.
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    // The newsletter's action routes are not pages to be found; /wire itself is.
    sitemap({ filter: (page) => !/\/wire\/(signup|confirm|resend|unsubscribe|check-your-inbox)\b|\/preview\//.test(page) }),
    cmsRefresh(),
  ],
  trailingSlash: 'never',
  build: { format: 'directory' },
  image: {
    // Cover images are fetched from the CMS at build time and served optimised from the site.
    remotePatterns: [{ protocol: cmsUrl.protocol.slice(0, -1), hostname: cmsUrl.hostname, port: cmsUrl.port || undefined }],
  },
  devToolbar: { enabled: false },
  security: {
    // Mail clients send RFC 8058 one-click unsubscribes as cross-site form posts, which this
    // check would refuse. The site has no sessions or cookies, so there is nothing to forge:
    // every on-demand action needs a token from an email or is a sign-up anyone may make.
    checkOrigin: false,
    // Each page gets a <meta> policy with hashes of the few scripts and styles Astro emits; the
    // site server adds what a <meta> cannot carry (frame-ancestors). See server.mjs.
    csp: {
      directives: [
        "default-src 'self'",
        `img-src 'self' data: ${cmsUrl.origin}`,
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'self'",
      ],
    },
  },
})
