import { SIGNUP_FIELDS, signupSourcePage, type FieldErrors, type SignupField } from 'cms/contract'

/** What a person typed, kept to show the form again; and the page the form was on. */
export type SignupValues = Partial<Record<SignupField | 'sourcePage', string>>
export type SignupErrors = FieldErrors

/** The largest form a browser sends to the site (a sign-up, a resend, an unsubscribe) is well under this. */
export const MAX_BODY_BYTES = 4096

export type ReadForm = { ok: true; fields: Record<string, string> } | { ok: false; status: 413 | 415 | 400; message: string }

export const TOO_LARGE: ReadForm = { ok: false, status: 413, message: 'The sign-up is too large.' }

/** Reads a form post strictly: a form encoding, a small body, no repeated or file fields. */
export async function parseSignupForm(contentType: string, body: Uint8Array<ArrayBuffer>): Promise<ReadForm> {
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
    return { ok: false, status: 415, message: 'Send the sign-up as a form (application/x-www-form-urlencoded or multipart/form-data).' }
  }
  if (body.byteLength > MAX_BODY_BYTES) return TOO_LARGE
  let data: FormData
  try {
    data = await new Response(body, { headers: { 'content-type': contentType } }).formData()
  } catch {
    return { ok: false, status: 400, message: 'The form could not be read. Please try again.' }
  }
  const fields: Record<string, string> = {}
  for (const [key, value] of data.entries()) {
    if (typeof value !== 'string') return { ok: false, status: 400, message: 'The form cannot carry files.' }
    if (key in fields) return { ok: false, status: 400, message: `The field "${key}" was sent twice.` }
    fields[key] = value
  }
  return { ok: true, fields }
}

/** The same, from a web Request (the on-demand routes). */
export async function readSignupForm(request: Request): Promise<ReadForm> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return TOO_LARGE
  const body = new Uint8Array(await request.arrayBuffer())
  return parseSignupForm(request.headers.get('content-type') ?? '', body)
}

/** The form's values as typed, for showing it again. */
export const valuesOf = (fields: Record<string, string>): SignupValues => ({
  ...Object.fromEntries(SIGNUP_FIELDS.map((field) => [field, fields[field] ?? ''])),
  sourcePage: signupSourcePage(fields.sourcePage),
})

export const wantsJson = (accept: string | null | undefined) => (accept ?? '').includes('application/json')
