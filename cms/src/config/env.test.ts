import { afterEach, describe, expect, it, vi } from 'vitest'

const load = async (env: Record<string, string | undefined>) => {
  vi.resetModules()
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value)
  return import('./env')
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('payloadSecret', () => {
  it('falls back to a local-only secret outside production', async () => {
    const { payloadSecret } = await load({ NODE_ENV: 'development', PAYLOAD_SECRET: undefined })
    expect(payloadSecret()).toMatch(/local-development-only/)
  })

  it.each([
    ['missing', undefined],
    ['the local default', 'local-development-only-secret-do-not-use-in-production'],
    ['too short', 'short-secret'],
  ])('refuses to start production with a secret that is %s', async (_, secret) => {
    const { payloadSecret } = await load({ NODE_ENV: 'production', NEXT_PHASE: undefined, PAYLOAD_SECRET: secret })
    expect(() => payloadSecret()).toThrow(/PAYLOAD_SECRET must be set .* Refusing to start/)
  })

  it('accepts a real secret in production', async () => {
    const secret = 'a'.repeat(16) + 'b'.repeat(16) + 'c'
    const { payloadSecret } = await load({ NODE_ENV: 'production', NEXT_PHASE: undefined, PAYLOAD_SECRET: secret })
    expect(payloadSecret()).toBe(secret)
  })

  it('lets `next build` compile without one', async () => {
    const { payloadSecret } = await load({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build', PAYLOAD_SECRET: undefined })
    expect(() => payloadSecret()).not.toThrow()
  })
})

describe('databaseUrl', () => {
  it('points at the embedded server locally when unset', async () => {
    const { databaseUrl } = await load({ NODE_ENV: 'development', DATABASE_URL: undefined, EMBEDDED_POSTGRES_PORT: undefined })
    expect(databaseUrl()).toBe('postgres://postgres:postgres@127.0.0.1:54329/site')
  })

  it('is required in production', async () => {
    const { databaseUrl } = await load({ NODE_ENV: 'production', NEXT_PHASE: undefined, DATABASE_URL: undefined })
    expect(() => databaseUrl()).toThrow(/DATABASE_URL must be set in production/)
  })
})

describe('smtpUrl', () => {
  it('may be unset outside production: emails are logged', async () => {
    const { smtpUrl } = await load({ NODE_ENV: 'development', SMTP_URL: undefined, EMAIL_LOG_ONLY: undefined })
    expect(smtpUrl()).toBeUndefined()
  })

  it('is required in production, where logged emails would leak their links', async () => {
    const { smtpUrl } = await load({ NODE_ENV: 'production', NEXT_PHASE: undefined, SMTP_URL: undefined, EMAIL_LOG_ONLY: undefined })
    expect(() => smtpUrl()).toThrow(/SMTP_URL must be set in production .* EMAIL_LOG_ONLY=true .* Refusing to start/)
  })

  it.each(['false', '1', 'yes'])('is still required with EMAIL_LOG_ONLY=%s', async (value) => {
    const { smtpUrl } = await load({ NODE_ENV: 'production', NEXT_PHASE: undefined, SMTP_URL: undefined, EMAIL_LOG_ONLY: value })
    expect(() => smtpUrl()).toThrow(/SMTP_URL must be set/)
  })

  it('may be left out in production when EMAIL_LOG_ONLY=true says so', async () => {
    const { smtpUrl } = await load({ NODE_ENV: 'production', NEXT_PHASE: undefined, SMTP_URL: undefined, EMAIL_LOG_ONLY: 'true' })
    expect(smtpUrl()).toBeUndefined()
  })

  it('is used when set', async () => {
    const { smtpUrl } = await load({ NODE_ENV: 'production', NEXT_PHASE: undefined, SMTP_URL: 'smtps://u:p@mail.example.org' })
    expect(smtpUrl()).toBe('smtps://u:p@mail.example.org')
  })

  it('lets `next build` compile without one', async () => {
    const { smtpUrl } = await load({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build', SMTP_URL: undefined, EMAIL_LOG_ONLY: undefined })
    expect(() => smtpUrl()).not.toThrow()
  })
})
