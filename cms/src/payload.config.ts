import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { AnnualReports } from './collections/AnnualReports'
import { FaqCategories } from './collections/FaqCategories'
import { Faqs } from './collections/Faqs'
import { Media } from './collections/Media'
import { Subscribers } from './collections/Subscribers'
import { Users } from './collections/Users'
import { Values } from './collections/Values'
import { cmsUrl, databaseUrl, payloadSecret } from './config/env'
import { Home } from './globals/Home'
import { SiteSettings } from './globals/SiteSettings'
import { migrations } from './migrations'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  serverURL: cmsUrl(),
  secret: payloadSecret(),
  admin: {
    user: Users.slug,
    meta: { titleSuffix: ' · Site admin' },
    // No Gravatar: the admin makes no third-party requests.
    avatar: 'default',
    importMap: { baseDir: dirname },
  },
  collections: [Values, FaqCategories, Faqs, AnnualReports, Media, Subscribers, Users],
  globals: [Home, SiteSettings],
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: { connectionString: databaseUrl() },
    // The schema changes only through committed migrations (`pnpm --filter cms migrate:create`);
    // only throwaway test databases are pushed.
    push: process.env.PAYLOAD_DB_PUSH === 'true',
    migrationDir: path.resolve(dirname, 'migrations'),
    prodMigrations: migrations,
  }),
  jobs: {
    // Runs due jobs (scheduled publishing) in the long-lived server process: every minute unless
    // PAYLOAD_JOBS_CRON says otherwise (croner syntax; six fields for seconds).
    autoRun: [{ cron: process.env.PAYLOAD_JOBS_CRON || '* * * * *', queue: 'default' }],
    shouldAutoRun: () => process.env.PAYLOAD_JOBS_AUTORUN !== 'false',
  },
  bin: [{ key: 'prepare', scriptPath: path.resolve(dirname, 'seed/prepare.ts') }],
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  telemetry: false,
})
