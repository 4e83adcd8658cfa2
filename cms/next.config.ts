import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  // The admin and REST API only; the public site is the separate Astro app in web/.
  poweredByHeader: false,
  // Lets the browser tests run their own server beside a developer's `pnpm dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
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
