'use client'
import { FieldLabel, useFormFields } from '@payloadcms/ui'

/**
 * The call's JSON as plain text. (Payload's JSON field would load a code editor from a CDN: the
 * admin makes no third-party requests, and nobody edits this.)
 */
export function CallBody() {
  const body = useFormFields(([fields]) => fields.body?.value)
  return (
    <div className="field-type webhook-call-body">
      <FieldLabel label="What is sent" />
      <pre>{JSON.stringify(body ?? null, null, 2)}</pre>
      <p className="field-description">With the delivery number as &quot;id&quot;. Once a person is erased, only the event is kept here.</p>
    </div>
  )
}
