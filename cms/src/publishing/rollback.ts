import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Endpoint, Payload } from 'payload'

import { mayPublish } from '../access/roles'
import { SITE_CONTENT_FILE } from '../contract'
import { promoteBuild } from './promoteBuild'
import { publishingSettings } from './settings'

/** One document or global as a build's site-content.json holds it: the site's id for it and its page data. */
type BuiltEntry = { id: string; data: Record<string, unknown> }
type BuiltContent = Partial<Record<'home' | 'settings', BuiltEntry> & Record<'values' | 'faqCategories' | 'faqs' | 'reports', BuiltEntry[]>>

/** How people name each kind of content, and how they name one entry of it. */
const KINDS = [
  { key: 'values', name: (data: Record<string, unknown>) => `Core value “${String(data.title)}”` },
  { key: 'faqCategories', name: (data: Record<string, unknown>) => `FAQ category “${String(data.title)}”` },
  { key: 'faqs', name: (data: Record<string, unknown>) => `FAQ entry “${String(data.question)}”` },
  { key: 'reports', name: (data: Record<string, unknown>) => `Annual report “${String(data.title)}”` },
] as const
const SINGLES = [
  { key: 'home', name: 'The home page' },
  { key: 'settings', name: 'The site settings (navigation, footer, newsletter)' },
] as const

/**
 * What making an earlier build live changes on the public site, compared with the live one: what
 * disappears, what goes back to how it was, what comes back. Null where either build keeps no
 * content file (builds made before they kept one): then only the build's date can be told.
 */
export type RollbackChanges = { disappear: string[]; revert: string[]; reappear: string[] } | null

async function builtContent(buildsDir: string, id: number): Promise<BuiltContent | undefined> {
  try {
    return JSON.parse(await readFile(path.join(buildsDir, String(id), SITE_CONTENT_FILE), 'utf8')) as BuiltContent
  } catch {
    return undefined
  }
}

export function compareBuilds(live: BuiltContent, target: BuiltContent): NonNullable<RollbackChanges> {
  const changes = { disappear: [] as string[], revert: [] as string[], reappear: [] as string[] }
  const same = (a: BuiltEntry, b: BuiltEntry) => JSON.stringify(a.data) === JSON.stringify(b.data)
  for (const { key, name } of KINDS) {
    const before = new Map((target[key] ?? []).map((entry) => [entry.id, entry]))
    const now = new Map((live[key] ?? []).map((entry) => [entry.id, entry]))
    for (const [id, entry] of now) {
      const earlier = before.get(id)
      if (!earlier) changes.disappear.push(name(entry.data))
      else if (!same(entry, earlier)) changes.revert.push(name(earlier.data))
    }
    for (const [id, entry] of before) if (!now.has(id)) changes.reappear.push(name(entry.data))
  }
  for (const { key, name } of SINGLES) {
    const [now, earlier] = [live[key], target[key]]
    if (now && earlier && !same(now, earlier)) changes.revert.push(name)
  }
  return changes
}

/** Whether build `id` can be made live again, and if not, why. */
async function rollbackTarget(payload: Payload, id: number) {
  const build = Number.isInteger(id) ? await payload.findByID({ collection: 'site-builds', id, depth: 0 }).catch(() => null) : null
  const { buildsDir } = publishingSettings()
  if (!build || !['live', 'previous'].includes(build.status) || !existsSync(path.join(buildsDir, String(id), 'client'))) return { buildsDir }
  return { buildsDir, build }
}

const CANNOT = 'That build cannot be made live: it failed, or its files were pruned.'
const EDITORS_ONLY = 'Only editors and admins can roll back.'

/**
 * GET /api/site-builds/:id/rollback: what making build `id` live again would change, for the
 * question the admin asks before it does.
 */
export const rollbackPreviewEndpoint: Endpoint = {
  path: '/:id/rollback',
  method: 'get',
  handler: async (req) => {
    if (!mayPublish(req.user)) return Response.json({ error: EDITORS_ONLY }, { status: 403 })
    const { buildsDir, build } = await rollbackTarget(req.payload, Number(req.routeParams?.id))
    if (!build) return Response.json({ error: CANNOT }, { status: 409 })
    const live = (await req.payload.find({ collection: 'site-builds', where: { status: { equals: 'live' } }, limit: 1, depth: 0 })).docs[0]
    if (!live || live.id === build.id) return Response.json({ builtAt: build.finishedAt, alreadyLive: live?.id === build.id, changes: null })
    const [liveContent, targetContent] = await Promise.all([builtContent(buildsDir, live.id), builtContent(buildsDir, build.id)])
    const changes: RollbackChanges = liveContent && targetContent ? compareBuilds(liveContent, targetContent) : null
    return Response.json({ builtAt: build.finishedAt, liveBuiltAt: live.finishedAt, alreadyLive: false, changes })
  },
}

/**
 * POST /api/site-builds/:id/rollback: makes an earlier successful build live again, at once, and
 * records who did and when (the desk and the build say so).
 */
export const rollbackEndpoint: Endpoint = {
  path: '/:id/rollback',
  method: 'post',
  handler: async (req) => {
    if (!mayPublish(req.user)) return Response.json({ error: EDITORS_ONLY }, { status: 403 })
    const { build } = await rollbackTarget(req.payload, Number(req.routeParams?.id))
    if (!build) return Response.json({ error: CANNOT }, { status: 409 })
    await promoteBuild(req.payload, build.id, { rolledBackBy: req.user!.id, rolledBackAt: new Date().toISOString() })
    return Response.json({ live: build.id })
  },
}
