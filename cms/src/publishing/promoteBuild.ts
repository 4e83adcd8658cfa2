import { readlink, rename, rm, symlink } from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'

import { lockUntilTransactionEnds } from '../db/locks'
import { inLocalApiTransaction } from '../db/transactions'
import type { SiteBuild } from '../payload-types'
import { publishingSettings } from './settings'

/** Taken by every change of which build is live. */
const LIVE_LOCK = 'site-live'

/** Points `live` at a build's folder: a new symlink renamed over the old one, so readers never see a gap. */
async function pointLiveAt(buildsDir: string, folder: string): Promise<void> {
  const staging = path.join(buildsDir, `.live-${folder}-${process.pid}`)
  await rm(staging, { force: true })
  await symlink(folder, staging)
  await rename(staging, path.join(buildsDir, 'live'))
}

/**
 * Makes a build the live one, for a finished build and for a rollback alike: its record becomes
 * 'live' (with `data`, such as its page counts), the live one before it 'previous', and the `live`
 * link points at its folder. All in one transaction, under a lock every promotion takes, so a
 * build finishing while an editor rolls back leaves exactly one build live, and the link and the
 * records agree. The link is switched last; if the transaction then fails, it is pointed back.
 */
export async function promoteBuild(payload: Payload, buildId: number, data: Partial<SiteBuild> = {}): Promise<void> {
  const { buildsDir } = publishingSettings()
  let pointedBackTo: string | undefined
  try {
    await inLocalApiTransaction(payload, async (req) => {
      await lockUntilTransactionEnds(req, LIVE_LOCK)
      await payload.update({
        collection: 'site-builds',
        where: { and: [{ status: { equals: 'live' } }, { id: { not_equals: buildId } }] },
        data: { status: 'previous' },
        overrideAccess: true,
        req,
      })
      await payload.update({ collection: 'site-builds', id: buildId, data: { ...data, status: 'live' }, overrideAccess: true, req })
      pointedBackTo = (await readlink(path.join(buildsDir, 'live')).catch(() => undefined)) ?? ''
      await pointLiveAt(buildsDir, String(buildId))
    })
  } catch (error) {
    if (pointedBackTo) await pointLiveAt(buildsDir, pointedBackTo).catch(() => {})
    throw error
  }
}
