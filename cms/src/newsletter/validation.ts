import isEmail from 'validator/lib/isEmail'

import { canonicalEmail } from '../collections/Subscribers/normalizeEmail'

/** What a sign-up form sends (all strings, as a form post delivers them). */
export type SignupInput = Partial<Record<'email' | 'firstName' | 'lastName' | 'postalCode' | 'website' | 'renderedAt' | 'sourcePage', unknown>>

export type Signup = {
  email: string
  firstName?: string
  lastName?: string
  postalCode?: string
  sourcePage?: string
}

export type FieldErrors = Partial<Record<'email' | 'firstName' | 'lastName' | 'postalCode' | 'form', string>>

export type SignupCheck =
  | { kind: 'valid'; signup: Signup }
  | { kind: 'invalid'; errors: FieldErrors }
  /** A bot by the look of it: answered as if it succeeded, and nothing is stored. */
  | { kind: 'bot'; reason: 'honeypot' | 'too-fast' }

export const MIN_FILL_MS = 3000
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/

function optionalText(value: unknown, label: string, max: number, pattern?: RegExp): { value?: string; error?: string } {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'string') return { error: `${label} must be text.` }
  const text = value.normalize('NFC').trim()
  if (!text) return {}
  if (CONTROL.test(text) || INVISIBLE.test(text)) return { error: `${label} contains characters that cannot be used.` }
  if ([...text].length > max) return { error: `${label} can be at most ${max} characters.` }
  if (pattern && !pattern.test(text)) return { error: `${label} can only contain letters, digits, spaces and hyphens.` }
  return { value: text }
}

function checkEmail(value: unknown): { value?: string; error?: string } {
  if (typeof value !== 'string' || !value.trim()) return { error: 'Enter your email address.' }
  if (CONTROL.test(value)) return { error: 'Enter the email address on one line, without special characters.' }
  const email = canonicalEmail(value.normalize('NFC'))
  if (INVISIBLE.test(email) || /\s/.test(email)) return { error: 'The email address cannot contain spaces or invisible characters.' }
  if (email.length > 254) return { error: 'That email address is too long (254 characters at most).' }
  const [local = ''] = email.split('@')
  if (local.length > 64) return { error: 'The part before the @ can be at most 64 characters.' }
  if (!isEmail(email, { allow_display_name: false, allow_utf8_local_part: false, require_tld: true, allow_ip_domain: false })) {
    return { error: 'Enter an email address like name@example.org.' }
  }
  return { value: email }
}

/**
 * Checks a sign-up strictly. Invalid input gets one message per field; the honeypot (a field
 * people never see) and the time trap (a form sent within 3 s of being shown) mark bots.
 */
export function checkSignup(input: SignupInput, now = Date.now()): SignupCheck {
  if (typeof input.website === 'string' && input.website.trim() !== '') return { kind: 'bot', reason: 'honeypot' }
  const renderedAt = Number(input.renderedAt)
  if (Number.isFinite(renderedAt) && renderedAt > 0 && now - renderedAt < MIN_FILL_MS) return { kind: 'bot', reason: 'too-fast' }

  const email = checkEmail(input.email)
  const firstName = optionalText(input.firstName, 'First name', 100)
  const lastName = optionalText(input.lastName, 'Last name', 100)
  const postalCode = optionalText(input.postalCode, 'Postal code', 12, /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u)
  const errors: FieldErrors = {}
  if (email.error) errors.email = email.error
  if (firstName.error) errors.firstName = firstName.error
  if (lastName.error) errors.lastName = lastName.error
  if (postalCode.error) errors.postalCode = postalCode.error
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors }

  const source = typeof input.sourcePage === 'string' && /^\/[\w\-/]{0,200}$/.test(input.sourcePage) ? input.sourcePage : undefined
  return {
    kind: 'valid',
    signup: { email: email.value!, firstName: firstName.value, lastName: lastName.value, postalCode: postalCode.value, sourcePage: source },
  }
}
