import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Endpoint } from 'payload'

import { mayPublish } from '../access/roles'
import { promoteBuild } from './promoteBuild'
import { publishingSettings } from './settings'

/** POST /api/site-builds/:id/rollback: makes an earlier successful build live again, at once. */
export const rollbackEndpoint: Endpoint = {
  path: '/:id/rollback',
  method: 'post',
  handler: async (req) => {
    if (!mayPublish(req.user)) return Response.json({ error: 'Only editors and admins can roll back.' }, { status: 403 })
    const id = Number(req.routeParams?.id)
    const build = await req.payload.findByID({ collection: 'site-builds', id, depth: 0 }).catch(() => null)
    const { buildsDir } = publishingSettings()
    if (!build || !['live', 'previous'].includes(build.status) || !existsSync(path.join(buildsDir, String(id), 'client'))) {
      return Response.json({ error: 'That build cannot be made live: it failed, or its files were pruned.' }, { status: 409 })
    }
    await promoteBuild(req.payload, id)
    return Response.json({ live: id })
  },
}
