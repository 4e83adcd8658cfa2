'use client'
import { useConfig, useDocumentInfo, useDocumentTitle } from '@payloadcms/ui'
import { useEffect } from 'react'

/**
 * Until a document has its title, Payload heads its edit view (and the breadcrumb) with the
 * record's number ("2"), which means nothing to an editor: it reads "Untitled annual report"
 * instead, and the title as soon as one is typed.
 */
export function UntitledHeading() {
  const { id, collectionSlug } = useDocumentInfo()
  const { title, setDocumentTitle } = useDocumentTitle()
  const { getEntityConfig } = useConfig()
  useEffect(() => {
    if (id === undefined || !collectionSlug || title !== String(id)) return
    const singular = getEntityConfig({ collectionSlug })?.labels?.singular
    // After the frame: Payload's own title provider sets the number in an effect that runs after this one.
    const frame = requestAnimationFrame(() => setDocumentTitle(`Untitled ${typeof singular === 'string' ? singular.toLowerCase() : 'document'}`))
    return () => cancelAnimationFrame(frame)
  }, [collectionSlug, getEntityConfig, id, setDocumentTitle, title])
  return null
}
