/** The sign-up form's fields, shared by the form component and the route that receives it. */
export const SIGNUP_FIELDS = ['email', 'firstName', 'lastName', 'postalCode'] as const
export type SignupField = (typeof SIGNUP_FIELDS)[number]
export type SignupValues = Partial<Record<SignupField, string>>
export type SignupErrors = Partial<Record<SignupField | 'form', string>>

/** The largest sign-up a browser sends is well under this. */
export const MAX_BODY_BYTES = 4096

export type ReadForm =
  | { ok: true; fields: Record<string, string> }
  | { ok: false; status: 413 | 415 | 400; message: string }

/** Reads a form post strictly: a form encoding, a small body, no repeated or file fields. */
export async function readSignupForm(request: Request): Promise<ReadForm> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    return { ok: false, status: 415, message: 'Send the sign-up as a form (application/x-www-form-urlencoded or multipart/form-data).' }
  }
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'The sign-up is too large.' }
  const raw = await request.arrayBuffer()
  if (raw.byteLength > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'The sign-up is too large.' }
  let data: FormData
  try {
    data = await new Response(raw, { headers: { 'content-type': type } }).formData()
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

export const wantsJson = (request: Request) => (request.headers.get('accept') ?? '').includes('application/json')
