import { postgresAdapter } from '@payloadcms/db-postgres'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
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
import { SubscriberErasures } from './collections/SubscriberErasures'
import { SubscriberExports } from './collections/SubscriberExports'
import { SubscriberImports } from './collections/SubscriberImports'
import { Subscribers } from './collections/Subscribers'
import { Users } from './collections/Users'
import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { Webhooks } from './collections/Webhooks'
import { hideAccountLocks } from './collections/Users/hideAccountLocks'
import { addSignInLimitsTable } from './collections/Users/signInLimitsTable'
import { ContentChecks } from './collections/ContentChecks'
import { LinkChecks } from './collections/LinkChecks'
import { ReviewRequests } from './collections/ReviewRequests'
import { SiteBuilds } from './collections/SiteBuilds'
import { Values } from './collections/Values'
import { ownLocksOnly } from './collections/lockedDocuments'
import { checkSiteEndpoint } from './checks/checkSiteEndpoint'
import { checkExternalLinksTask } from './checks/record'
import { cancelScheduledEndpoint } from './desk/cancelScheduled'
import { DATE_AND_TIME } from './fields/dateAndTime'
import { siteEditor } from './fields/siteEditor'
import { cmsUrl, databaseUrl, payloadSecret, runsJobs, schemaPush, smtpUrl } from './config/env'
import { answerUnusableValues } from './http/unusableValues'
import { Home } from './globals/Home'
import { SiteSettings } from './globals/SiteSettings'
import { migrations } from './migrations'
import { newsletterEndpoints } from './newsletter/endpoints'
import { siteToken } from './newsletter/settings'
import { startOutbox } from './newsletter/outbox'
import { startWebhookSender } from './newsletter/webhooks'
import { addNewsletterTables } from './newsletter/tables'
import { buildSiteTask } from './publishing/buildSite'
import { discardEmptyDraftsTask } from './publishing/emptyDrafts'
import { SITE_QUEUE, wakeSiteBuilds } from './publishing/requestSiteBuild'
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
    // Every moment with hours, minutes and the zone, in the admin's own time zone (the browser's).
    dateFormat: DATE_AND_TIME,
    importMap: { baseDir: dirname },
    components: {
      // Above the collection cards: what needs the signed-in person (desk/).
      beforeDashboard: ['/desk/admin/Desk#Desk'],
      views: {
        importSubscribers: { Component: '/collections/Subscribers/admin/ImportView#ImportView', path: '/import-subscribers', exact: true },
        siteChecks: { Component: '/checks/admin/SiteChecksView#SiteChecksView', path: '/site-checks', exact: true },
      },
    },
  },
  collections: [
    Values,
    FaqCategories,
    Faqs,
    AnnualReports,
    Media,
    Subscribers,
    SubscriberExports,
    SubscriberImports,
    SubscriberErasures,
    Webhooks,
    WebhookDeliveries,
    Users,
    SiteBuilds,
    ReviewRequests,
    ContentChecks,
    LinkChecks,
  ],
  globals: [Home, SiteSettings],
  // Every rich-text field offers what the site renders, and no more.
  editor: siteEditor(),
  db: postgresAdapter({
    pool: { connectionString: databaseUrl() },
    // The schema changes only through committed migrations (`pnpm --filter cms migrate:create`);
    // only throwaway test databases are pushed.
    push: schemaPush(),
    migrationDir: path.resolve(dirname, 'migrations'),
    prodMigrations: migrations,
    beforeSchemaInit: [addSignInLimitsTable],
    afterSchemaInit: [addNewsletterTables],
  }),
  // Without SMTP_URL, emails are written to the log instead (see newsletter/, and config/env.ts
  // for production).
  ...(smtp && {
    email: nodemailerAdapter({
      defaultFromAddress: process.env.EMAIL_FROM || 'wire@localhost',
      defaultFromName: process.env.EMAIL_FROM_NAME || 'Get the Wire',
      // Pooled: a surge's confirmation emails go out over a few kept-open connections.
      transport: nodemailer.createTransport({ url: smtp, pool: true, maxConnections: 5 }),
      skipVerify: true,
    }),
  }),
  endpoints: [...newsletterEndpoints, cancelScheduledEndpoint, checkSiteEndpoint],
  hooks: { afterError: [hideAccountLocks, answerUnusableValues] },
  jobs: {
    // Runs due jobs (scheduled publishing, external link checks, discarding empty drafts every ten minutes)
    // in the long-lived server process, or in the worker:
    // every minute unless PAYLOAD_JOBS_CRON says otherwise (croner syntax; six fields for seconds).
    // Site builds are also looked for every second, in case a wake-up (below) was missed.
    // Payload asks for this list where it starts its job crons; the process that runs jobs also
    // sends the newsletter's confirmation emails from their outbox (newsletter/outbox.ts), makes the
    // webhooks' calls to the mailing tool (newsletter/webhooks.ts), and
    // starts a site build the moment one is queued (publishing/requestSiteBuild.ts).
    autoRun: (payload) => {
      if (runsJobs()) {
        startOutbox(payload)
        startWebhookSender(payload)
        if (publishingSettings().enabled) wakeSiteBuilds(payload)
      }
      // Scheduled tasks (discarding empty drafts) are queued from the default queue's cron, in the
      // process that runs jobs only: not every second, and not by every CMS server.
      return [
        { queue: SITE_QUEUE, cron: process.env.PAYLOAD_JOBS_CRON || '* * * * * *', disableScheduling: true },
        { queue: 'default', cron: process.env.PAYLOAD_JOBS_CRON || '* * * * *', disableScheduling: !runsJobs() },
      ]
    },
    tasks: [buildSiteTask, checkExternalLinksTask, discardEmptyDraftsTask],
    shouldAutoRun: runsJobs,
    // GET /api/payload-jobs/run (and /handle-schedules) would otherwise run every due job for any
    // signed-in account; the job runner uses the Local API, which these do not restrict.
    access: { run: isAdminJobAccess, queue: canPublishJobAccess, cancel: canPublishJobAccess },
  },
  bin: [
    { key: 'prepare', scriptPath: path.resolve(dirname, 'seed/prepare.ts') },
    { key: 'worker', scriptPath: path.resolve(dirname, 'jobs/worker.ts') },
  ],
  plugins: [mediaStorage],
  sharp,
  // Generated by `pnpm --filter cms generate` (CI fails when stale), not by every start: each
  // Payload start (every test file, too) would otherwise spawn a generator writing into src/.
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts'), autoGenerate: false },
  telemetry: false,
  loggingLevels,
}).then(ownLocksOnly)
