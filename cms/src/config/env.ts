import { DEFAULT_CMS_URL, DEFAULT_SITE_URL } from '../contract'

/**
 * Settings read from the environment, with safe local defaults. Production refuses to start
 * without real values rather than run with a secret anyone could read in this repository.
 */
const LOCAL_SECRET = 'local-development-only-secret-do-not-use-in-production'

const isProduction = process.env.NODE_ENV === 'production'
// `next build` loads the config to compile the admin; it needs neither a secret nor a database.
const isBuild = process.env.NEXT_PHASE === 'phase-production-build'

export function payloadSecret(): string {
  const secret = process.env.PAYLOAD_SECRET
  if (!isProduction || isBuild) return secret || LOCAL_SECRET
  if (!secret || secret === LOCAL_SECRET || secret.length < 32) {
    throw new Error(
      'PAYLOAD_SECRET must be set to a random value of at least 32 characters in production ' + '(e.g. `openssl rand -hex 32`). Refusing to start.',
    )
  }
  return secret
}

/** Where `pnpm dev` runs the embedded server, so CLI commands reach it while it runs. */
export const LOCAL_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_POSTGRES_PORT ?? 54329}/site`

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL
  if (url) return url
  if (isProduction && !isBuild) {
    throw new Error('DATABASE_URL must be set in production. Refusing to start.')
  }
  return LOCAL_DATABASE_URL
}

/**
 * Where emails go. Without SMTP_URL they are written to the log, confirmation and password-reset
 * links included, which in production hands those links to whoever reads the logs: production
 * refuses to start unless EMAIL_LOG_ONLY=true says that is what is wanted (a trial install, say).
 */
export function smtpUrl(): string | undefined {
  const url = process.env.SMTP_URL
  if (url || !isProduction || isBuild || process.env.EMAIL_LOG_ONLY === 'true') return url || undefined
  throw new Error(
    'SMTP_URL must be set in production (e.g. smtps://user:password@mail.example.org): without it, emails and the ' +
      'confirmation and password-reset links in them are written to the log. Set EMAIL_LOG_ONLY=true to accept that. ' +
      'Refusing to start.',
  )
}

/** Whether this process runs due jobs; off where a separate `payload worker` runs them. */
export const runsJobs = () => process.env.PAYLOAD_JOBS_AUTORUN !== 'false'

export const cmsUrl = () => process.env.CMS_URL || DEFAULT_CMS_URL
export const siteUrl = () => process.env.SITE_URL || DEFAULT_SITE_URL

/** Only throwaway test databases are pushed; production never is. */
export function schemaPush(): boolean {
  const push = process.env.PAYLOAD_DB_PUSH === 'true'
  if (push && isProduction && !isBuild) {
    throw new Error('PAYLOAD_DB_PUSH=true is not allowed in production: the schema changes only through migrations.')
  }
  return push
}
