import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { MEDIA_CONTENT_SECURITY_POLICY } from './src/contract/site'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const overTls = (process.env.CMS_URL ?? '').startsWith('https://')

/** For the admin and the API; the admin may be framed by itself only (its own live preview). */
const securityHeaders = [
  { key: 'Content-Security-Policy', value: "frame-ancestors 'self'; object-src 'none'; base-uri 'self'" },
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  ...(overTls ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
]

const nextConfig: NextConfig = {
  // The admin and REST API only; the public site is the separate Astro app in web/.
  poweredByHeader: false,
  // Lets the browser tests run their own server beside a developer's `pnpm dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  headers: async () => [
    { source: '/:path*', headers: securityHeaders },
    // Uploaded files, whichever handler sends them (local, versioned, S3): the later rule's policy
    // replaces the admin's. Next.js drops a policy a route handler sets where this file set one.
    { source: '/api/media/file/:path*', headers: [{ key: 'Content-Security-Policy', value: MEDIA_CONTENT_SECURITY_POLICY }] },
  ],
  // The build checks the app's own code; `pnpm typecheck` checks everything, tests included.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  turbopack: { root: path.resolve(dirname, '..') },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
