import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps } from 'payload'

import { hasRole } from '../../../access/roles'
import { ImportForm } from './ImportForm'

/** /admin/import-subscribers: bring in a list kept elsewhere, with its consent (admins). */
export function ImportView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  if (!req.user) redirect(`${req.payload.config.routes.admin}/login`)
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user}
      visibleEntities={visibleEntities}
    >
      <Gutter className="subscriber-import">
        <h1>Import subscribers</h1>
        {hasRole(req.user, 'admin') ? <ImportForm /> : <p>Only admins can import subscribers.</p>}
      </Gutter>
    </DefaultTemplate>
  )
}
