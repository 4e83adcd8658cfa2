// @ts-check
import node from '@astrojs/node'
import sitemap from '@astrojs/sitemap'
import { defineConfig, fontProviders } from 'astro/config'

import { cmsPublicOrigin, cmsUrl, siteUrl } from './src/cms/siteServer'
import { cmsRefresh } from './src/integrations/cmsRefresh'
import { precompress } from './src/integrations/precompress'
import { searchIndex } from './src/integrations/searchIndex'
import { signupForwarder } from './src/integrations/signupForwarder'
import { siteContentFile } from './src/integrations/siteContentFile'

// Where browsers reach the CMS (CMS_URL may be an internal address): only previews of drafts
// show images from there; published pages carry their own copies.
const cmsOrigin = cmsPublicOrigin()
// Where the build fetches the CMS's images from.
const cms = new URL(cmsUrl())

export default defineConfig({
  site: siteUrl(),
  // Astro's caches (optimised images, incremental build). The publishing builder
  // gives its builds folder a cache of its own (cms/src/publishing/buildSite.ts).
  ...(process.env.ASTRO_CACHE_DIR && { cacheDir: process.env.ASTRO_CACHE_DIR }),
  // Static pages; the few on-demand routes (newsletter, preview) opt out with `prerender = false`.
  output: 'static',
  // The site server (server/main.ts) serves static files and sign-ups itself and hands the
  // rest to Astro's handler.
  adapter: node({ mode: 'middleware' }),
  integrations: [
    // The newsletter's action routes are not pages to be found; /wire itself is.
    sitemap({ filter: (page) => !/\/wire\/(signup|confirm|resend|unsubscribe|check-your-inbox)\b|\/preview\//.test(page) }),
    cmsRefresh(),
    signupForwarder(),
    siteContentFile(),
    // Hooks run in this order: the search index is written before everything is precompressed.
    searchIndex(),
    precompress(),
  ],
  trailingSlash: 'never',
  // The body font, served from the site and preloaded; its fallback is sized to its metrics
  // (size-adjust, ascent and descent overrides), and `optional` never swaps a font in after the
  // first paint: the text never moves (no layout shift). Latin only: other characters take the
  // fallback font.
  fonts: [
    {
      provider: fontProviders.local(),
      name: 'Source Serif 4',
      cssVariable: '--font-serif',
      fallbacks: ['Georgia', 'Times New Roman', 'serif'],
      display: 'optional',
      options: {
        variants: [
          { src: ['@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2'], weight: '200 900', style: 'normal' },
          { src: ['@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2'], weight: '200 900', style: 'italic' },
        ],
      },
    },
  ],
  build: { format: 'directory' },
  image: {
    // Cover images are fetched from the CMS at build time and served optimised from the site
    // (other media are copied as they are: src/pages/media/[...file].ts).
    remotePatterns: [{ protocol: cms.protocol.slice(0, -1), hostname: cms.hostname, port: cms.port || undefined }],
  },
  devToolbar: { enabled: false },
  // A rebuild reuses the HTML of every getStaticPaths page whose code and `cacheKey` are unchanged
  // (src/cms/cacheKey.ts); other pages are always rendered.
  experimental: { incrementalBuild: true },
  security: {
    // Mail clients send RFC 8058 one-click unsubscribes as cross-site form posts, which this
    // check would refuse. The site has no sessions or cookies, so there is nothing to forge:
    // every on-demand action needs a token from an email or is a sign-up anyone may make.
    checkOrigin: false,
    // Each page gets a <meta> policy with hashes of the few scripts and styles Astro emits; the
    // site server adds what a <meta> cannot carry (frame-ancestors). See server/headers.ts.
    csp: {
      directives: [
        "default-src 'self'",
        `img-src 'self' data: ${cmsOrigin}`,
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'self'",
      ],
    },
  },
})
