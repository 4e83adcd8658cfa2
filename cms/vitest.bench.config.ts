import { defineConfig } from 'vitest/config'

/** `pnpm bench`: measurements that write results files; never part of `pnpm test`. */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    // A database server for the run, and the CMS built for production once (bench/production.ts).
    globalSetup: ['tests/setup/database.ts', 'bench/setup/productionBuild.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
  },
})
