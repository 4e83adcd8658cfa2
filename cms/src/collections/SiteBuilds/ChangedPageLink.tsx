'use client'
import type { TextFieldClientComponent } from 'payload'
import { FieldLabel, useField } from '@payloadcms/ui'

/** The changed page's address on the live site, as a link that opens it. */
export const ChangedPageLink: TextFieldClientComponent = ({ field, path }) => {
  const { value } = useField<string>({ path: path ?? field.name })
  if (!value) return null
  return (
    <div className="field-type">
      <FieldLabel label={field.label ?? 'Changed page'} path={path} />
      <a href={value} target="_blank" rel="noopener">
        {value}
      </a>
    </div>
  )
}
