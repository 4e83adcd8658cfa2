import { defineConfig } from 'vitest/config'

/** `pnpm bench`: measurements that write results files (bench/results/); never part of `pnpm test`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    // The same site as the site tests: a throwaway CMS, seeded, and a real build of the site.
    globalSetup: ['tests/setup/builtSite.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
  },
})
