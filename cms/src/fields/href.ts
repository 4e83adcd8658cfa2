import type { FieldHook, TextField, TextFieldSingleValidation } from 'payload'
import { ValidationError } from 'payload'

export const HREF_MESSAGE = 'Use a path on this site such as /values, or a full address starting with https://'

// Any origin would do: a site path must resolve to this same one (so "//host" and "/\host",
// which browsers read as another host, do not pass).
const SOME_ORIGIN = 'https://site.invalid'

/** A site path ("/values") or an absolute http(s) address; nothing that could run script or leave for another host unsaid. */
export function isSafeHref(value: string): boolean {
  if (value.startsWith('/')) return URL.parse(value, SOME_ORIGIN)?.origin === SOME_ORIGIN
  const protocol = URL.parse(value)?.protocol
  return protocol === 'https:' || protocol === 'http:'
}

export const validateHref: TextFieldSingleValidation = (value) => !value || isSafeHref(value) || HREF_MESSAGE

/**
 * Payload validates fields only when a document is published, not when a draft is saved (unless
 * drafts are validated whole, which would refuse every half-finished autosave). A link is checked
 * on every save: a draft with a `javascript:` link is shown in the preview, and is one click from
 * being published.
 */
const checkOnEverySave: FieldHook = ({ value, path, req, collection, global }) => {
  if (typeof value === 'string' && value && !isSafeHref(value)) {
    throw new ValidationError({ collection: collection?.slug, global: global?.slug, errors: [{ message: HREF_MESSAGE, path: path.join('.') }], req })
  }
  return value
}

/** A text field holding a link, checked on drafts too. */
export function hrefField(field: Pick<TextField, 'name' | 'label' | 'required' | 'maxLength' | 'admin'>): TextField {
  // Checked before publishing like a link in rich text (checks/): a page of this site that exists, an address that answers.
  return { ...field, type: 'text', validate: validateHref, hooks: { beforeChange: [checkOnEverySave] }, custom: { checks: 'link' } }
}
