import type { CollectionBeforeOperationHook, GlobalBeforeOperationHook } from 'payload'
import { Forbidden } from 'payload'

import { mayPublish } from '../access/roles'

const WRITES = new Set(['create', 'update', 'restoreVersion'])

type Args = {
  args?: { draft?: boolean; overrideAccess?: boolean }
  operation: string
  req: Parameters<GlobalBeforeOperationHook>[0]['req']
}

/**
 * Access rules see the data but not whether a write is a draft save. Without this guard a writer
 * could PATCH a published document with `_status: 'draft'` and no `?draft=true`, which
 * unpublishes it. Writers' writes must be draft saves; publishing is for editors and admins.
 */
const guard = ({ args, operation, req }: Args) => {
  if (!WRITES.has(operation) || args?.overrideAccess === true) return args
  if (req.user && !mayPublish(req.user) && args?.draft !== true) {
    throw new Forbidden(req.t)
  }
  return args
}

export const writersSaveDraftsOnly: CollectionBeforeOperationHook = guard as CollectionBeforeOperationHook
export const writersSaveDraftsOnlyGlobal: GlobalBeforeOperationHook = guard as GlobalBeforeOperationHook
