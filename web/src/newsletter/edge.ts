import { checkSignup } from 'cms/contract'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import { valuesOf, type ReadForm, type SignupErrors, type SignupValues } from './form'
import type { JournalWriter } from './journal'
import { visitorKey } from './visitor'

/**
 * Sign-ups accepted at the edge: the site server checks a sign-up by the CMS's own rules
 * (cms/contract), limits each visitor, and writes it to its journal before answering. The CMS is
 * not in the request at all: it records the journal's sign-ups a moment later (forwarder.ts).
 */

/** What became of a sign-up, as the person is told. */
export type SignupOutcome =
  | { kind: 'accepted'; email: string }
  /** Bad input: nothing kept; the form again with a message by each field in error. */
  | { kind: 'invalid'; status: 400 | 413 | 415; errors: SignupErrors; values: SignupValues }
  /** Sent faster than a person fills a form: nothing kept yet; the person presses "Sign up" again. */
  | { kind: 'again'; values: SignupValues }
  | { kind: 'limited'; retryAfterSeconds: number; values: SignupValues }
  /** The journal could not be written: nothing kept; the person tries again shortly. */
  | { kind: 'unavailable'; retryAfterSeconds: number; values: SignupValues }

/** Sign-ups per visitor (client address, an IPv6 one by its /64): enough for a household, too few for a script. */
export const SIGNUPS_PER_ADDRESS = { points: 10, duration: 10 * 60 }

export type SignupEdge = { journal: JournalWriter; perVisitor: RateLimiterMemory }

export function createSignupEdge(journal: JournalWriter): SignupEdge {
  return { journal, perVisitor: new RateLimiterMemory(SIGNUPS_PER_ADDRESS) }
}

export async function acceptSignup(form: ReadForm, { clientAddress, edge }: { clientAddress: string | undefined; edge: SignupEdge }): Promise<SignupOutcome> {
  if (!form.ok) return { kind: 'invalid', status: form.status, errors: { form: form.message }, values: {} }
  const values = valuesOf(form.fields)
  const check = checkSignup(form.fields)
  // A bot by the look of it (the honeypot): answered like a person, and nothing is kept.
  if (check.kind === 'bot') return { kind: 'accepted', email: String(form.fields.email ?? '') }
  if (check.kind === 'invalid') return { kind: 'invalid', status: 400, errors: { ...check.errors, form: 'Please check the highlighted fields.' }, values }
  if (check.kind === 'too-fast') return { kind: 'again', values }
  if (clientAddress) {
    try {
      await edge.perVisitor.consume(visitorKey(clientAddress))
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error
      return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)), values }
    }
  }
  try {
    await edge.journal.append(check.signup)
  } catch {
    return { kind: 'unavailable', retryAfterSeconds: 60, values }
  }
  return { kind: 'accepted', email: check.signup.email }
}

/** The answer to a sign-up: its status, headers, and (for the enhanced form) its JSON. */
export type SignupAnswer = { status: number; headers: Record<string, string>; json: { ok: boolean; message: string; again?: true; errors?: SignupErrors } }

export function signupAnswer(outcome: SignupOutcome): SignupAnswer {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
  switch (outcome.kind) {
    case 'accepted':
      return {
        status: 200,
        headers,
        json: {
          ok: true,
          message:
            `Almost done: we have sent an email to ${outcome.email}. Open the link in it to confirm your subscription. ` +
            'Nothing there in a few minutes? Look in your spam folder, or sign up again to get a new email.',
        },
      }
    case 'invalid':
      return { status: outcome.status, headers, json: { ok: false, message: outcome.errors.form ?? 'Please check the form.', errors: outcome.errors } }
    case 'again':
      return {
        status: 409,
        headers,
        json: { ok: false, again: true, message: 'One more step: please check your details and press “Sign up” again to confirm.' },
      }
    case 'limited':
      return {
        status: 429,
        headers: { ...headers, 'Retry-After': String(outcome.retryAfterSeconds) },
        json: { ok: false, message: `Too many sign-ups from your connection. Please try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.` },
      }
    case 'unavailable':
      return {
        status: 503,
        headers: { ...headers, 'Retry-After': String(outcome.retryAfterSeconds) },
        json: { ok: false, message: 'We could not take your sign-up just now. Your details are still in the form: please try again in a minute.' },
      }
  }
}
