/**
 * Production mode as an operator runs it: `next build`, then `pnpm start` with NODE_ENV=production
 * against a PostgreSQL given by DATABASE_URL (here an embedded server used as if it were
 * external). It refuses to start on missing or weak settings, applies the migrations without
 * pushing the schema, creates no account with a known password, and serves the seeded content.
 */
import { spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { migrations } from '../src/migrations'
import { freePort } from '../src/db/freePort'
import { waitUntilAnswering } from './helpers/waitUntilAnswering'

const cmsDir = path.resolve(import.meta.dirname, '..')
const DIST = '.next-prod-test'
const secret = randomBytes(32).toString('hex')
const siteToken = randomBytes(32).toString('hex')
const databaseUrl = () => `${inject('databaseServer')}/prod_${randomUUID().replaceAll('-', '').slice(0, 10)}`

function run(args: string[], env: Record<string, string | undefined>, until?: (output: string) => boolean) {
  const child = spawn('pnpm', args, {
    cwd: cmsDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1', ...env },
  })
  let output = ''
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    const check = () => {
      if (until?.(output)) resolve({ code: null, output })
    }
    child.stdout.on('data', (chunk) => ((output += chunk), check()))
    child.stderr.on('data', (chunk) => ((output += chunk), check()))
    child.on('exit', (code) => resolve({ code, output }))
  })
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // gone
    }
  }
  return { done, stop }
}

const production = (overrides: Record<string, string | undefined>) => ({
  NODE_ENV: 'production',
  PAYLOAD_SECRET: secret,
  NEWSLETTER_SITE_TOKEN: siteToken,
  PAYLOAD_JOBS_AUTORUN: 'false',
  // No mail server here: the documented opt-out of sending email.
  SMTP_URL: undefined,
  EMAIL_LOG_ONLY: 'true',
  ...overrides,
})

beforeAll(async () => {
  const build = await run(['exec', 'next', 'build'], { NODE_ENV: 'production' }).done
  if (build.code !== 0) throw new Error(`next build failed:\n${build.output}`)
}, 600_000)

describe('starting in production', () => {
  it.each([
    ['no PAYLOAD_SECRET', { PAYLOAD_SECRET: undefined }, /PAYLOAD_SECRET must be set/],
    ['the local default secret', { PAYLOAD_SECRET: 'local-development-only-secret-do-not-use-in-production' }, /PAYLOAD_SECRET must be set/],
    ['a short secret', { PAYLOAD_SECRET: 'too-short' }, /PAYLOAD_SECRET must be set/],
    ['no NEWSLETTER_SITE_TOKEN', { NEWSLETTER_SITE_TOKEN: undefined }, /NEWSLETTER_SITE_TOKEN must be set/],
    ['schema push switched on', { PAYLOAD_DB_PUSH: 'true' }, /PAYLOAD_DB_PUSH=true is not allowed in production/],
    ['no SMTP_URL and no EMAIL_LOG_ONLY', { EMAIL_LOG_ONLY: undefined }, /SMTP_URL must be set in production/],
  ])(
    'refuses to start with %s, saying why',
    async (_, overrides, message) => {
      const { code, output } = await run(['start'], production({ DATABASE_URL: databaseUrl(), ...overrides })).done
      expect(code).not.toBe(0)
      expect(output).toMatch(message)
    },
    120_000,
  )

  it('refuses to start without DATABASE_URL rather than guess', async () => {
    const { code, output } = await run(['start'], production({ DATABASE_URL: undefined })).done
    expect(code).not.toBe(0)
    expect(output).toMatch(/DATABASE_URL must be set in production/)
  }, 120_000)
})

describe('a production server', () => {
  let url: string
  let stop: () => void
  let output: string
  const database = databaseUrl()

  beforeAll(async () => {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    const started = run(
      ['start'],
      production({ DATABASE_URL: database, PORT: String(port), CMS_URL: url, SEED_ADMIN_EMAIL: 'ops@site.example', SEED_ADMIN_PASSWORD: undefined }),
      (text) => /Ready in|Local:/.test(text),
    )
    stop = started.stop
    const result = await started.done
    output = result.output
    if (result.code !== null) throw new Error(`pnpm start exited:\n${output}`)
    await waitUntilAnswering(`${url}/api/users/me`, { what: 'The production CMS', timeoutMs: 60_000, intervalMs: 500, details: () => output })
  }, 180_000)

  afterAll(() => stop?.())

  it('applied every committed migration and never pushed the schema', async () => {
    const pg = await import('pg')
    const client = new pg.default.Client({ connectionString: database })
    await client.connect()
    try {
      const { rows } = await client.query<{ name: string; batch: number }>('SELECT name, batch FROM payload_migrations')
      expect(rows.map((r) => r.name).sort()).toEqual(migrations.map((m) => m.name).sort())
      expect(rows.some((r) => r.batch === -1)).toBe(false)
    } finally {
      await client.end()
    }
  })

  it('serves the seeded content and keeps subscribers from the public', async () => {
    const values = (await (await fetch(`${url}/api/values`)).json()) as { docs: unknown[] }
    expect(values.docs).toHaveLength(3)
    expect((await fetch(`${url}/api/subscribers`)).status).toBe(403)
    expect((await fetch(`${url}/admin/login`)).status).toBe(200)
  })

  it('created the first admin with no known password and printed a one-time link to choose one, which works', async () => {
    const token = output.match(/within the hour\): \S+\/admin\/reset\/(\S+)/)?.[1]
    expect(token).toMatch(/^[0-9a-f]{20,}$/)
    const password = 'a kettle of unrelated words'
    const reset = await fetch(`${url}/api/users/reset-password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password }),
    })
    expect(reset.status).toBe(200)
    const login = await fetch(`${url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'ops@site.example', password }),
    })
    expect(login.status).toBe(200)
    expect(login.headers.get('set-cookie')).toMatch(/Secure/i)
  })
})
