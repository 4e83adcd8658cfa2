import { postgresAdapter } from '@payloadcms/db-postgres'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { AnnualReports } from './collections/AnnualReports'
import { FaqCategories } from './collections/FaqCategories'
import { Faqs } from './collections/Faqs'
import { Media } from './collections/Media'
import { mediaStorage } from './collections/Media/storage'
import { Subscribers } from './collections/Subscribers'
import { Users } from './collections/Users'
import { SiteBuilds } from './collections/SiteBuilds'
import { Values } from './collections/Values'
import { cmsUrl, databaseUrl, payloadSecret, schemaPush } from './config/env'
import { Home } from './globals/Home'
import { SiteSettings } from './globals/SiteSettings'
import { migrations } from './migrations'
import { newsletterEndpoints } from './newsletter/endpoints'
import { siteToken } from './newsletter/settings'
import { subscriberExport } from './newsletter/exportSubscribers'
import { addRateLimitTable } from './newsletter/rateLimitTable'
import { NEWSLETTER_QUEUE, sendConfirmationEmail } from './newsletter/sendConfirmation'
import { buildSiteTask } from './publishing/buildSite'
import { runSiteQueueSoon, SITE_QUEUE } from './publishing/requestSiteBuild'
import { publishingSettings } from './publishing/settings'

const dirname = path.dirname(fileURLToPath(import.meta.url))

// Checked when the config loads, so production refuses to start rather than fail on first use.
siteToken()

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
  collections: [Values, FaqCategories, Faqs, AnnualReports, Media, Subscribers, Users, SiteBuilds],
  globals: [Home, SiteSettings],
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: { connectionString: databaseUrl() },
    // The schema changes only through committed migrations (`pnpm --filter cms migrate:create`);
    // only throwaway test databases are pushed.
    push: schemaPush(),
    migrationDir: path.resolve(dirname, 'migrations'),
    prodMigrations: migrations,
    beforeSchemaInit: [addRateLimitTable],
  }),
  // Without SMTP_URL, newsletter emails are written to the log instead (see newsletter/).
  ...(process.env.SMTP_URL && {
    email: nodemailerAdapter({
      defaultFromAddress: process.env.EMAIL_FROM || 'wire@localhost',
      defaultFromName: process.env.EMAIL_FROM_NAME || 'Get the Wire',
      transport: nodemailer.createTransport(process.env.SMTP_URL),
      skipVerify: true,
    }),
  }),
  endpoints: newsletterEndpoints,
  jobs: {
    // Runs due jobs (scheduled publishing, email retries) in the long-lived server process: every minute unless
    // PAYLOAD_JOBS_CRON says otherwise (croner syntax; six fields for seconds).
    autoRun: [NEWSLETTER_QUEUE, SITE_QUEUE, 'default'].map((queue) => ({ cron: process.env.PAYLOAD_JOBS_CRON || '* * * * *', queue })),
    tasks: [sendConfirmationEmail, buildSiteTask],
    shouldAutoRun: () => process.env.PAYLOAD_JOBS_AUTORUN !== 'false',
  },
  // A build queued before the server came up (the first one, say) starts as soon as it does.
  onInit: (payload) => {
    if (publishingSettings().enabled) runSiteQueueSoon(payload)
  },
  bin: [{ key: 'prepare', scriptPath: path.resolve(dirname, 'seed/prepare.ts') }],
  plugins: [subscriberExport, mediaStorage],
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  telemetry: false,
})
