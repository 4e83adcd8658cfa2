import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: { '@payload-config': path.resolve(import.meta.dirname, 'src/payload.config.ts') },
  },
  test: {
    environment: 'node',
    pool: 'forks',
    // Two cores: Payload instances and the browser test are heavy.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // `pnpm test` runs all three; `pnpm test --project unit` the fast ones alone.
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        // Payload against a real PostgreSQL, one throwaway database per file (tests/setup/database.ts).
        extends: true,
        test: { name: 'int', include: ['tests/**/*.int.test.ts'], globalSetup: ['tests/setup/database.ts'] },
      },
      {
        // Whole processes: the CMS over HTTP, site builds, the site server, Chromium.
        extends: true,
        test: { name: 'e2e', include: ['tests/**/*.e2e.test.ts'], globalSetup: ['tests/setup/database.ts'] },
      },
    ],
  },
})
