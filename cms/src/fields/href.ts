import type { TextFieldSingleValidation } from 'payload'

/** A site path ("/values") or an absolute http(s) address; nothing that could run script. */
export const validateHref: TextFieldSingleValidation = (value) => {
  if (!value) return true
  if (/^\/(?!\/)/.test(value)) return true
  try {
    const url = new URL(value)
    if (url.protocol === 'https:' || url.protocol === 'http:') return true
  } catch {
    // fall through to the message
  }
  return 'Use a path on this site such as /values, or a full address starting with https://'
}
