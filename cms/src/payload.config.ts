import { postgresAdapter } from '@payloadcms/db-postgres'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { canPublishJobAccess } from './access/canPublish'
import { isAdminJobAccess } from './access/isAdmin'
import { AnnualReports } from './collections/AnnualReports'
import { FaqCategories } from './collections/FaqCategories'
import { Faqs } from './collections/Faqs'
import { Media } from './collections/Media'
import { mediaStorage } from './collections/Media/storage'
import { Subscribers } from './collections/Subscribers'
import { Users } from './collections/Users'
import { hideAccountLocks } from './collections/Users/hideAccountLocks'
import { SiteBuilds } from './collections/SiteBuilds'
import { Values } from './collections/Values'
import { ownLocksOnly } from './collections/lockedDocuments'
import { cmsUrl, databaseUrl, payloadSecret, runsJobs, schemaPush, smtpUrl } from './config/env'
import { answerUnusableValues } from './http/unusableValues'
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

// Payload looks levels up by error name; its type lists only its own errors' names. Refusals
// and failed sign-ins are everyday events, not server errors to log with their stack.
const loggingLevels: Record<string, 'info'> = { Refused: 'info', AuthenticationError: 'info', LockedAuth: 'info' }

// Checked when the config loads, so production refuses to start rather than fail on first use.
siteToken()
const smtp = smtpUrl()

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
  // Subscribers are never locked: every signed-in account reads document locks, and a lock would
  // tell writers which subscriber an admin has open. (Set here while collections/Subscribers is
  // being reworked; it belongs in that collection's config.)
  collections: [Values, FaqCategories, Faqs, AnnualReports, Media, { ...Subscribers, lockDocuments: false }, Users, SiteBuilds],
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
  // Without SMTP_URL, emails are written to the log instead (see newsletter/, and config/env.ts
  // for production).
  ...(smtp && {
    email: nodemailerAdapter({
      defaultFromAddress: process.env.EMAIL_FROM || 'wire@localhost',
      defaultFromName: process.env.EMAIL_FROM_NAME || 'Get the Wire',
      transport: nodemailer.createTransport(smtp),
      skipVerify: true,
    }),
  }),
  endpoints: newsletterEndpoints,
  hooks: { afterError: [hideAccountLocks, answerUnusableValues] },
  jobs: {
    // Runs due jobs (scheduled publishing, email retries) in the long-lived server process: every minute unless
    // PAYLOAD_JOBS_CRON says otherwise (croner syntax; six fields for seconds).
    // Site builds are looked for every second: a publish queues one and, when the runner is a
    // process of its own (`payload worker`), nothing else tells it.
    autoRun: [
      { queue: SITE_QUEUE, cron: process.env.PAYLOAD_JOBS_CRON || '* * * * * *' },
      ...[NEWSLETTER_QUEUE, 'default'].map((queue) => ({ queue, cron: process.env.PAYLOAD_JOBS_CRON || '* * * * *' })),
    ],
    tasks: [sendConfirmationEmail, buildSiteTask],
    shouldAutoRun: runsJobs,
    // GET /api/payload-jobs/run (and /handle-schedules) would otherwise run every due job for any
    // signed-in account; the job runner uses the Local API, which these do not restrict.
    access: { run: isAdminJobAccess, queue: canPublishJobAccess, cancel: canPublishJobAccess },
  },
  // A build queued before the server came up (the first one, say) starts as soon as it does.
  onInit: (payload) => {
    if (publishingSettings().enabled && runsJobs()) runSiteQueueSoon(payload)
  },
  bin: [
    { key: 'prepare', scriptPath: path.resolve(dirname, 'seed/prepare.ts') },
    { key: 'worker', scriptPath: path.resolve(dirname, 'jobs/worker.ts') },
  ],
  plugins: [subscriberExport, mediaStorage],
  sharp,
  // Generated by `pnpm --filter cms generate` (CI fails when stale), not by every start: each
  // Payload start (every test file, too) would otherwise spawn a generator writing into src/.
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts'), autoGenerate: false },
  telemetry: false,
  loggingLevels,
}).then(ownLocksOnly)
