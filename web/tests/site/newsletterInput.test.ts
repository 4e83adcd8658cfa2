/**
 * Bad input to the sign-up route gets a clear, specific answer and changes nothing; bots get the
 * same answer as people and are dropped. The table goes through the real site server and CMS.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { subscriber } from './cmsAdmin'
import { serveBuild } from './serveBuild'

let site: Awaited<ReturnType<typeof serveBuild>>

beforeAll(async () => {
  site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
})

// Nothing stored is checked per address: the sign-up tests run beside these on the same CMS, so
// a count of all subscribers would race with them.
afterAll(() => site?.stop())

const form = (fields: Record<string, string>) => new URLSearchParams({ renderedAt: '1', ...fields }).toString()
const FORM = 'application/x-www-form-urlencoded'

type Case = {
  name: string
  body: BodyInit
  type?: string
  status: number
  /** The message, for a whole-form problem, or { field: message }. */
  message: RegExp | Record<string, RegExp>
  /** An address that must not be stored as a result. */
  email?: string
}

const email = (value: string, extra: Record<string, string> = {}): Pick<Case, 'body' | 'email'> => ({ body: form({ email: value, ...extra }), email: value })
const multipartWithFile = () => {
  const data = new FormData()
  data.append('email', 'file@reader.example')
  data.append('attachment', new Blob(['x'.repeat(10)], { type: 'text/plain' }), 'x.txt')
  return data
}

const CASES: Case[] = [
  { name: 'an empty form', body: '', type: FORM, status: 400, message: { email: /^Enter your email address\.$/ } },
  { name: 'an email of spaces', ...email('   '), status: 400, message: { email: /^Enter your email address\.$/ } },
  { name: 'no @', ...email('dana.example.org'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'two @', ...email('dana@levi@example.org'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'no top-level domain', ...email('dana@localhost'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'an IP address as domain', ...email('dana@[127.0.0.1]'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'a trailing dot', ...email('dana@example.org.'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'two dots in a row', ...email('dana..levi@example.org'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'a leading dot', ...email('.dana@example.org'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'a display name', ...email('Dana <dana@example.org>'), status: 400, message: { email: /spaces|like name@example\.org/ } },
  { name: 'an address over 254 characters', ...email(`${'a'.repeat(60)}@${'b'.repeat(190)}.org`), status: 400, message: { email: /too long \(254 characters at most\)/ } },
  { name: 'a mailbox over 64 characters', ...email(`${'a'.repeat(65)}@example.org`), status: 400, message: { email: /before the @ can be at most 64/ } },
  { name: 'CRLF header injection', ...email('dana@example.org\r\nBcc: victim@evil.example'), status: 400, message: { email: /on one line/ } },
  { name: 'a bare LF', ...email('dana@example.org\nBcc: victim@evil.example'), status: 400, message: { email: /on one line/ } },
  { name: 'a NUL byte', ...email('dana\u0000@example.org'), status: 400, message: { email: /on one line/ } },
  { name: 'a zero-width space', ...email('da\u200bna@example.org'), status: 400, message: { email: /spaces or invisible characters/ } },
  { name: 'a right-to-left override', ...email('\u202egro.elpmaxe@anad'), status: 400, message: { email: /spaces or invisible characters/ } },
  { name: 'a byte-order mark inside', ...email('dana\ufeff@example.org'), status: 400, message: { email: /spaces or invisible characters/ } },
  { name: 'a fullwidth @', ...email('dana＠example.org'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'a space inside', ...email('dana levi@example.org'), status: 400, message: { email: /spaces or invisible characters/ } },
  { name: 'an emoji mailbox', ...email('🙂@example.org'), status: 400, message: { email: /like name@example\.org/ } },
  { name: 'a first name over 100 characters', ...email('long-name@reader.example', { firstName: 'N'.repeat(101) }), status: 400, message: { firstName: /at most 100 characters/ } },
  { name: 'header injection in a name', ...email('inject-name@reader.example', { firstName: 'Dana\r\nBcc: victim@evil.example' }), status: 400, message: { firstName: /cannot be used/ } },
  { name: 'an invisible character in a name', ...email('invisible@reader.example', { lastName: 'Le\u200bvi' }), status: 400, message: { lastName: /cannot be used/ } },
  { name: 'a postal code over 12 characters', ...email('postal-long@reader.example', { postalCode: '1234567890123' }), status: 400, message: { postalCode: /at most 12 characters/ } },
  { name: 'markup in a postal code', ...email('postal-markup@reader.example', { postalCode: '<script>' }), status: 400, message: { postalCode: /only contain letters, digits, spaces and hyphens/ } },
  { name: 'several bad fields at once', ...email('x', { firstName: 'N'.repeat(200), postalCode: '$$$' }), status: 400, message: { email: /like name@/, firstName: /at most 100/, postalCode: /only contain/ } },
  { name: 'JSON instead of a form', body: JSON.stringify({ email: 'json@reader.example' }), type: 'application/json', status: 415, message: /Send the sign-up as a form/, email: 'json@reader.example' },
  { name: 'plain text instead of a form', body: 'email=text@reader.example', type: 'text/plain', status: 415, message: /Send the sign-up as a form/, email: 'text@reader.example' },
  { name: 'an oversized body', body: form({ email: 'big@reader.example', firstName: 'x'.repeat(5000) }), type: FORM, status: 413, message: /too large/, email: 'big@reader.example' },
  { name: 'a file upload', body: multipartWithFile(), status: 400, message: /cannot carry files/, email: 'file@reader.example' },
  { name: 'a field sent twice', body: 'email=twice@reader.example&email=other@reader.example&renderedAt=1', type: FORM, status: 400, message: /"email" was sent twice/, email: 'twice@reader.example' },
]

async function post(body: BodyInit, type = typeof body === 'string' ? FORM : undefined) {
  return fetch(`${site.url}/wire/signup`, {
    method: 'POST',
    headers: { Accept: 'application/json', ...(type && { 'Content-Type': type }) },
    body,
    redirect: 'manual',
  })
}

describe('the sign-up route', () => {
  it('has at least 30 kinds of bad input in this table', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30)
  })

  it.each(CASES)('refuses $name with $status and a clear message, storing nothing', async ({ body, type, status, message, email }) => {
    const response = await post(body, type)
    expect(response.status).toBe(status)
    const answer = (await response.json()) as { ok: boolean; message: string; errors?: Record<string, string> }
    expect(answer.ok).toBe(false)
    if (message instanceof RegExp) {
      expect(answer.message).toMatch(message)
    } else {
      for (const [field, pattern] of Object.entries(message)) expect(answer.errors?.[field], field).toMatch(pattern)
    }
    if (email?.trim() && !/[\r\n\u0000]/.test(email)) expect(await subscriber(email.trim())).toBeUndefined()
  })

  // Bodies made when the test runs: a form's time stamp must be fresh when it is sent.
  it.each([
    ['a filled honeypot', () => form({ email: 'honeypot@reader.example', website: 'https://spam.example' }), 'honeypot@reader.example'],
    ['a form sent within 3 s', () => new URLSearchParams({ email: 'hasty@reader.example', renderedAt: String(Date.now()) }).toString(), 'hasty@reader.example'],
  ])('answers %s exactly like a real sign-up, and drops it', async (_, body, address) => {
    const response = await post(body(), FORM)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, message: 'Almost done: check your inbox and follow the link in our email to confirm.' })
    expect(await subscriber(address)).toBeUndefined()
  })

  it('without JavaScript, shows the form again with the input kept and the error tied to its field', async () => {
    const response = await fetch(`${site.url}/wire/signup`, {
      method: 'POST',
      headers: { 'Content-Type': FORM },
      body: form({ email: 'dana.example.org', firstName: 'Dana' }),
      redirect: 'manual',
    })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('value="dana.example.org"')
    expect(html).toContain('value="Dana"')
    expect(html).toMatch(/aria-invalid="true" aria-describedby="wire-page-email-error"/)
    expect(html).toMatch(/id="wire-page-email-error"[^>]*>Enter an email address like name@example\.org\./)
  })
})
