/**
 * Staff accounts against strangers and colleagues: sign-ins are limited per client address (so
 * nobody locks a colleague out by guessing from one address), a locked account answers exactly
 * like a wrong password, only admins unlock accounts, and every staff password is at least 12
 * characters and not a common one. Real REST and GraphQL requests; each test signs in from
 * addresses of its own (stamped on the request as the CMS's HTTP server does, or over HTTP to a
 * real server, where only a proxy in TRUSTED_PROXIES may name the visitor).
 */
import { request } from 'node:http'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { receivedFrom } from '../src/auth/clientIp'
import { SIGN_IN_LIMITS } from '../src/collections/Users/signInLimits'
import type { User } from '../src/payload-types'
import { apiClient, signIn } from './helpers/api'
import { type CmsServer, startCmsServer } from './helpers/cmsServer'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
let databaseUrl: string
const tokens = {} as Record<'admin' | 'editor' | 'writer', string>

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  databaseUrl = started.databaseUrl
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) tokens[role] = (await signIn(payload, role)).token
})

let addresses = 0
/** A client address no other test uses. */
const newAddress = () => `203.0.113.${++addresses}`
const from = (ip: string) => receivedFrom(ip)

const PASSWORD = 'a-staff-password-nobody-guesses'
let accounts = 0
async function staffAccount(): Promise<User> {
  const email = `staff-${++accounts}@accounts.test`
  return payload.create({ collection: 'users', data: { email, password: PASSWORD, name: 'Staff', role: 'editor' } })
}

const login = (email: string, password: string, ip: string) => api.request('POST', '/api/users/login', { body: { email, password }, headers: from(ip) })

const isLocked = async (id: number) => {
  const [user] = (await payload.db.find({ collection: 'users', where: { id: { equals: id } }, limit: 1 })).docs as { lockUntil?: string }[]
  return Boolean(user?.lockUntil && new Date(user.lockUntil).getTime() > Date.now())
}

describe('signing in from one address', () => {
  it('is limited, with 429 and Retry-After, before anyone can be locked out', async () => {
    const target = await staffAccount()
    const attacker = newAddress()
    for (let attempt = 1; attempt <= SIGN_IN_LIMITS.login.points; attempt++) {
      expect((await login(target.email, `guess-${attempt}`, attacker)).status).toBe(401)
    }
    const limited = await login(target.email, `guess-more`, attacker)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(limited.body.errors[0].message).toMatch(/Too many attempts/)

    const gql = await api.graphql(`mutation { loginUser(email: "${target.email}", password: "guess") { token } }`, { headers: from(attacker) })
    expect(gql.body.errors?.[0]?.extensions?.statusCode).toBe(429)
    expect(Number(gql.headers.get('Retry-After'))).toBeGreaterThan(0)

    expect(await isLocked(target.id)).toBe(false)
    const owner = await login(target.email, PASSWORD, newAddress())
    expect(owner.status).toBe(200)
  })

  it('counts failures only: colleagues behind one address sign in as often as they need', async () => {
    const office = newAddress()
    const colleague = await staffAccount()
    for (let i = 0; i < SIGN_IN_LIMITS.login.points * 2; i++) {
      expect((await login(colleague.email, PASSWORD, office)).status).toBe(200)
    }
  })

  it('limits password-reset requests the same way', async () => {
    const target = await staffAccount()
    const ip = newAddress()
    const forgot = () => api.request('POST', '/api/users/forgot-password', { body: { email: target.email }, headers: from(ip) })
    for (let i = 0; i < SIGN_IN_LIMITS.forgotPassword.points; i++) expect((await forgot()).status).toBe(200)
    const limited = await forgot()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
  })
})

describe('the client address, over HTTP to a real CMS server', () => {
  // Only 127.0.0.2 is a proxy the CMS trusts: from there the test plays the proxy in front,
  // from 127.0.0.1 a client that reaches the CMS directly.
  let cms: CmsServer
  beforeAll(async () => {
    cms = await startCmsServer(databaseUrl, { env: { TRUSTED_PROXIES: '127.0.0.2' } })
  })
  afterAll(async () => {
    await cms?.stop()
  })

  /** A sign-in from one of this machine's loopback addresses, with the X-Forwarded-For given. */
  const loginOverHttp = (email: string, password: string, { from, forwardedFor }: { from: string; forwardedFor: string }) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ email, password })
      const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'X-Forwarded-For': forwardedFor }
      request(`${cms.url}/api/users/login`, { method: 'POST', localAddress: from, headers }, (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      })
        .on('error', reject)
        .end(body)
    })
  const failures = SIGN_IN_LIMITS.login.points

  it('is the connection’s for a client the CMS does not trust, whatever X-Forwarded-For it sends', async () => {
    const target = await staffAccount()
    const statuses: number[] = []
    for (let i = 0; i <= failures; i++) {
      statuses.push(await loginOverHttp(target.email, `guess-${i}`, { from: '127.0.0.1', forwardedFor: `203.0.113.${200 + i}` }))
    }
    expect(statuses).toEqual([...Array(failures).fill(401), 429])
  })

  it('is the forwarded one from a proxy in TRUSTED_PROXIES: each visitor behind it has their own limit', async () => {
    const target = await staffAccount()
    const visitors: number[] = []
    for (let i = 0; i <= failures; i++) {
      visitors.push(await loginOverHttp(target.email, `guess-${i}`, { from: '127.0.0.2', forwardedFor: `198.51.100.${200 + i}` }))
    }
    expect(visitors).toEqual(Array(failures + 1).fill(401))

    const other = await staffAccount()
    const oneVisitor: number[] = []
    for (let i = 0; i <= failures; i++) {
      oneVisitor.push(await loginOverHttp(other.email, `guess-${i}`, { from: '127.0.0.2', forwardedFor: `192.0.2.50, 198.51.100.250` }))
    }
    expect(oneVisitor).toEqual([...Array(failures).fill(401), 429])
  })
})

describe('a locked account', () => {
  it('answers every sign-in exactly as a wrong password does, over REST and GraphQL', async () => {
    const target = await staffAccount()
    const wrong = await login(target.email, 'not-the-password', newAddress())
    // Guesses from enough addresses lock it (Users' maxLoginAttempts); each answer is the same.
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await login(target.email, `guess-${attempt}`, newAddress())
      expect({ status: response.status, body: response.body }).toEqual({ status: wrong.status, body: wrong.body })
    }
    expect(await isLocked(target.id)).toBe(true)

    const right = await login(target.email, PASSWORD, newAddress())
    expect({ status: right.status, body: right.body }).toEqual({ status: 401, body: wrong.body })
    expect(JSON.stringify(right.body)).not.toMatch(/lock/i)

    const query = (password: string) => `mutation { loginUser(email: "${target.email}", password: "${password}") { token } }`
    const gqlWrong = await api.graphql(query('nope-nope-nope'), { headers: from(newAddress()) })
    const gqlLocked = await api.graphql(query(PASSWORD), { headers: from(newAddress()) })
    expect(gqlLocked.body.errors[0].message).toBe(gqlWrong.body.errors[0].message)
    expect(gqlLocked.body.errors[0].extensions).toMatchObject({ name: 'AuthenticationError', statusCode: 401 })
    expect(gqlLocked.body.data?.loginUser ?? null).toBeNull()
  })

  it.each(['writer', 'editor'] as const)('cannot be unlocked by an %s, over REST or GraphQL', async (role) => {
    const target = await staffAccount()
    await payload.db.updateOne({ collection: 'users', id: target.id, data: { lockUntil: new Date(Date.now() + 3600_000).toISOString(), loginAttempts: 10 } })
    const rest = await api.request('POST', '/api/users/unlock', { token: tokens[role], body: { email: target.email } })
    expect(rest.status).toBe(403)
    const gql = await api.graphql(`mutation { unlockUser(email: "${target.email}") }`, { token: tokens[role] })
    expect(gql.body.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(await isLocked(target.id)).toBe(true)
  })

  it('is unlocked by an admin', async () => {
    const target = await staffAccount()
    await payload.db.updateOne({ collection: 'users', id: target.id, data: { lockUntil: new Date(Date.now() + 3600_000).toISOString(), loginAttempts: 10 } })
    expect((await api.request('POST', '/api/users/unlock', { token: tokens.admin, body: { email: target.email } })).status).toBe(200)
    expect(await isLocked(target.id)).toBe(false)
  })
})

describe('staff passwords', () => {
  const refusals = [
    ['short', /at least 12 characters/],
    ['password1234', /most common passwords/],
    ['Qwertyuiop123', /most common passwords/],
    ['iloveyou!!!!!!', /most common passwords/],
  ] as const

  it.each(refusals)('refuses %j for a new account, on the password field', async (password, message) => {
    const email = `new-${password.length}-${++accounts}@accounts.test`
    const response = await api.request('POST', '/api/users', { token: tokens.admin, body: { email, password, name: 'New', role: 'writer' } })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([{ message: expect.stringMatching(message), path: 'password' }])
    expect((await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(0)

    const gql = await api.graphql(
      `mutation { createUser(data: { email: "gql-${email}", password: ${JSON.stringify(password)}, name: "New", role: writer }) { id } }`,
      { token: tokens.admin },
    )
    expect(gql.body.errors?.[0]?.extensions?.data?.errors?.[0]).toMatchObject({ path: 'password', message: expect.stringMatching(message) })
  })

  it('refuses a weak new password when one changes one’s own, and keeps the old one', async () => {
    const user = await staffAccount()
    const { token } = await payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD } })
    const weak = await api.request('PATCH', `/api/users/${user.id}`, { token, body: { password: 'password1234' } })
    expect(weak.status).toBe(400)
    expect(weak.body.errors[0].data.errors[0].path).toBe('password')
    expect((await login(user.email, PASSWORD, newAddress())).status).toBe(200)

    const strong = await api.request('PATCH', `/api/users/${user.id}`, { token, body: { password: 'seven green lanterns at dusk' } })
    expect(strong.status).toBe(200)
    expect((await login(user.email, 'seven green lanterns at dusk', newAddress())).status).toBe(200)
  })

  it('refuses a weak password set through a reset link', async () => {
    const user = await staffAccount()
    const token = await payload.forgotPassword({ collection: 'users', data: { email: user.email }, disableEmail: true })
    const weak = await api.request('POST', '/api/users/reset-password', { body: { token, password: 'short' }, headers: from(newAddress()) })
    expect(weak.status).toBe(400)
    expect(weak.body.errors[0].data.errors[0]).toMatchObject({ path: 'password', message: expect.stringMatching(/at least 12/) })
    expect((await login(user.email, PASSWORD, newAddress())).status).toBe(200)
  })
})
