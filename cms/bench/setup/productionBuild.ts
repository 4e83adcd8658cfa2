/**
 * `pnpm bench` global setup: the CMS built for production once (`next build` into .next-bench),
 * for every benchmark that runs it as production does (bench/production.ts).
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

import { PRODUCTION_DIST } from '../production'

export default function setup() {
  execFileSync('pnpm', ['exec', 'next', 'build'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: PRODUCTION_DIST, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  })
}
