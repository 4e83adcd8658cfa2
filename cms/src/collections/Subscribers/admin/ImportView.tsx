import type { AdminViewServerProps } from 'payload'

import { hasRole } from '../../../access/roles'
import { AdminPage } from '../../../adminViews/AdminPage'
import { ImportForm } from './ImportForm'

/** /admin/import-subscribers: bring in a list kept elsewhere, with its consent (admins). */
export function ImportView(view: AdminViewServerProps) {
  return (
    <AdminPage view={view} className="subscriber-import">
      <h1>Import subscribers</h1>
      {hasRole(view.initPageResult.req.user, 'admin') ? <ImportForm /> : <p>Only admins can import subscribers.</p>}
    </AdminPage>
  )
}
