/**
 * "Get the Wire" as the site server and the CMS both speak it: the sign-up form's fields and
 * their limits, the one definition of a valid sign-up (checked at the edge, and again by the
 * CMS), and the calls the site server makes to the CMS with their answers.
 */
import isEmail from 'validator/lib/isEmail'

/** The sign-up form's fields, as the form sends them and the subscribers collection keeps them. */
export const SIGNUP_FIELDS = ['email', 'firstName', 'lastName', 'postalCode'] as const
export type SignupField = (typeof SIGNUP_FIELDS)[number]

/** The longest each field may be, in characters (the email's is RFC 5321's). */
export const SIGNUP_LIMITS = { email: 254, firstName: 100, lastName: 100, postalCode: 12 } as const satisfies Record<SignupField, number>

/** A form sent sooner than this after it was shown is asked for again (the time trap). */
export const MIN_FILL_MS = 3000

/** What a sign-up form sends: every field a string, as a form post delivers them. */
export type SignupInput = Partial<Record<SignupField | 'website' | 'fillMs' | 'sourcePage', unknown>>

export type Signup = {
  email: string
  firstName?: string
  lastName?: string
  postalCode?: string
  /** The site page the form was on, recorded with the consent. */
  sourcePage?: string
}

export type FieldErrors = Partial<Record<SignupField | 'form', string>>

export type SignupCheck =
  | { kind: 'valid'; signup: Signup }
  | { kind: 'invalid'; errors: FieldErrors }
  /** The honeypot was filled: a bot, answered as if it succeeded, and nothing is kept. */
  | { kind: 'bot' }
  /** Sent faster than a person fills a form: a valid sign-up the person is asked to send again. */
  | { kind: 'too-fast'; signup: Signup }

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/
/** What a spreadsheet reads as a formula when a cell starts with it (CSV injection). */
const FORMULA_START = /^[=+\-@]/

/** Trims the address and lower-cases its domain; the mailbox part is kept as typed. */
export function canonicalEmail(raw: string): string {
  const email = raw.trim()
  const at = email.lastIndexOf('@')
  return at === -1 ? email : email.slice(0, at) + email.slice(at).toLowerCase()
}

/** The form of an address that is unique on the list: addresses differing only in case are one. */
export const emailKey = (email: string) => canonicalEmail(email).toLowerCase()

function optionalText(value: unknown, label: string, max: number, pattern?: RegExp): { value?: string; error?: string } {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'string') return { error: `${label} must be text.` }
  const text = value.normalize('NFC').trim()
  if (!text) return {}
  if (CONTROL.test(text) || INVISIBLE.test(text)) return { error: `${label} contains characters that cannot be used.` }
  if ([...text].length > max) return { error: `${label} can be at most ${max} characters (this one has ${[...text].length}).` }
  if (FORMULA_START.test(text)) return { error: `${label} cannot start with =, +, - or @.` }
  if (pattern && !pattern.test(text)) return { error: `${label} can only contain letters, digits, spaces and hyphens.` }
  return { value: text }
}

function checkEmail(value: unknown): { value?: string; error?: string } {
  if (typeof value !== 'string' || !value.trim()) return { error: 'Enter your email address.' }
  if (CONTROL.test(value)) return { error: 'Enter the email address on one line, without special characters.' }
  const email = canonicalEmail(value.normalize('NFC'))
  if (INVISIBLE.test(email) || /\s/.test(email)) return { error: 'The email address cannot contain spaces or invisible characters.' }
  if (email.length > SIGNUP_LIMITS.email) return { error: `That email address is too long (${SIGNUP_LIMITS.email} characters at most).` }
  const [local = ''] = email.split('@')
  if (local.length > 64) return { error: 'The part before the @ can be at most 64 characters.' }
  if (!isEmail(email, { allow_display_name: false, allow_utf8_local_part: false, require_tld: true, allow_ip_domain: false })) {
    return { error: 'Enter an email address like name@example.org.' }
  }
  return { value: email }
}

/** A site page the form may name as where it was: a path of this site, nothing else. */
/** The page a sign-up form says it was on, when it is a plain site path; anything else is not recorded. */
export const signupSourcePage = (value: unknown) => (typeof value === 'string' && /^\/[\w\-/]{0,200}$/.test(value) ? value : undefined)

/**
 * Checks a sign-up strictly: one message per field in error. The honeypot (a field people never
 * see) marks a bot; a form filled faster than a person could (its `fillMs`, measured by the page's
 * script) is valid but asked for again, so a person is never told "done" for nothing.
 */
export function checkSignup(input: SignupInput): SignupCheck {
  if (typeof input.website === 'string' && input.website.trim() !== '') return { kind: 'bot' }

  const email = checkEmail(input.email)
  const firstName = optionalText(input.firstName, 'First name', SIGNUP_LIMITS.firstName)
  const lastName = optionalText(input.lastName, 'Last name', SIGNUP_LIMITS.lastName)
  const postalCode = optionalText(input.postalCode, 'Postal code', SIGNUP_LIMITS.postalCode, /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u)
  const errors: FieldErrors = {}
  if (email.error) errors.email = email.error
  if (firstName.error) errors.firstName = firstName.error
  if (lastName.error) errors.lastName = lastName.error
  if (postalCode.error) errors.postalCode = postalCode.error
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors }

  const signup: Signup = {
    email: email.value!,
    firstName: firstName.value,
    lastName: lastName.value,
    postalCode: postalCode.value,
    sourcePage: signupSourcePage(input.sourcePage),
  }
  const fillMs = Number(input.fillMs)
  if (input.fillMs !== undefined && input.fillMs !== '' && Number.isFinite(fillMs) && fillMs < MIN_FILL_MS) return { kind: 'too-fast', signup }
  return { kind: 'valid', signup }
}

// ---------------------------------------------------------------------------------------------
// The site server's calls to the CMS. Each carries `Authorization: Bearer <NEWSLETTER_SITE_TOKEN>`.

/** The secret both sides use when NEWSLETTER_SITE_TOKEN is unset; production refuses it. */
export const LOCAL_SITE_TOKEN = 'local-development-site-token'

export const NEWSLETTER_API = {
  /** POST a SignupBatch; the answer is a SignupBatchAnswer. */
  signups: '/api/newsletter/signups',
  /** POST { token }: 200 confirmed, 410 expired, 404 invalid. */
  confirm: '/api/newsletter/confirm',
  /** POST { token }: always 202 (a new link goes out if the token named a pending sign-up). */
  resend: '/api/newsletter/resend',
  /** POST { token }: 200 unsubscribed, 404 invalid. */
  unsubscribe: '/api/newsletter/unsubscribe',
  /** POST { email }: always 202; an unsubscribe link is emailed if the address is on the list. */
  unsubscribeLink: '/api/newsletter/unsubscribe-link',
} as const

/** A sign-up as the site server journals it and hands it on: its id makes delivery idempotent. */
export type JournaledSignup = Signup & { id: string; receivedAt: string }

/** Sign-ups the site server hands to the CMS in one request; at most MAX_SIGNUP_BATCH. */
export type SignupBatch = { signups: JournaledSignup[] }
export const MAX_SIGNUP_BATCH = 500

/**
 * What the CMS did with a batch: `recorded` sign-ups are stored (now or by an earlier delivery of
 * the same id) and may be forgotten by the site server; `rejected` ones are invalid by the CMS's
 * rules and will never be recorded.
 */
export type SignupBatchAnswer = { recorded: string[]; rejected: { id: string; errors: FieldErrors }[] }

export type ConfirmOutcome = 'confirmed' | 'expired' | 'invalid'
export const CONFIRM_STATUS = { confirmed: 200, expired: 410, invalid: 404 } as const satisfies Record<ConfirmOutcome, number>

export type UnsubscribeOutcome = 'unsubscribed' | 'invalid'
export const UNSUBSCRIBE_STATUS = { unsubscribed: 200, invalid: 404 } as const satisfies Record<UnsubscribeOutcome, number>

/** The outcome an answer's status stands for (anything else is a failure of the CMS path). */
export function outcomeOfStatus<T extends string>(statuses: Record<T, number>, status: number): T | undefined {
  return (Object.keys(statuses) as T[]).find((outcome) => statuses[outcome] === status)
}
