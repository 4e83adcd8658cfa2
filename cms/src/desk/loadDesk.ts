import type { Payload, Where } from 'payload'

import { mayPublish } from '../access/roles'
import { failingWebhooks, type WebhookHealth } from '../newsletter/webhookHealth'
import {
  editPath,
  REVIEWABLE_COLLECTIONS,
  REVIEWABLE_GLOBALS,
  type ReviewTarget,
  documentTitle,
  targetLabel,
  titleFieldOf,
} from '../collections/ReviewRequests/reviewTargets'
import { checksKey } from '../checks/record'
import { relationId } from '../fields/relationId'
import { PREVIEW_TARGETS, type PreviewTarget, SITE_ROUTES } from '../contract'
import { siteUrl } from '../config/env'
import { query } from '../db/sql'
import type { SiteBuild, SubscriberExport, User } from '../payload-types'
import { previewUrl } from '../publishing/preview'

/**
 * Everything the admin's home page (the desk) shows, read in one place per role: what waits for
 * an editor, what is scheduled, how the live site is, what a writer has in hand, and, for admins
 * only, the subscriber list's figures. Each list is read with one indexed query per kind of
 * document (drafts are the latest versions that are drafts), so the desk stays fast as content grows.
 */

/** How many rows each list shows; the total says how many more there are. */
export const DESK_LIST_LIMIT = 25

export type DeskPerson = Pick<User, 'id' | 'role'>

export type DraftWaiting = {
  target: ReviewTarget
  kind: string
  id: number | null
  title: string
  changedBy: string | null
  changedAt: string
  editPath: string
  previewUrl: string | null
  /** What the checks before publishing found in the draft as last saved (checks/). */
  checks: { errors: number; warnings: number } | null
}

export type ReviewAsked = {
  id: number
  title: string
  kind: string
  editPath: string
  message: string | null
  requestedBy: string | null
  requestedAt: string
  state: 'open' | 'published'
  publishedBy: string | null
  publishedAt: string | null
}

export type ScheduledPublication = {
  jobId: number
  action: 'publish' | 'unpublish'
  kind: string
  title: string
  editPath: string
  at: string
  by: string | null
}

export type SiteStatus = {
  last: Pick<SiteBuild, 'id' | 'status' | 'reason' | 'createdAt' | 'finishedAt' | 'logTail' | 'changedPath'> & { requestedBy: string | null }
  /**
   * The build the public sees (null while none is live), and who made it live again and when, if
   * an editor rolled back to it.
   */
  live: (Pick<SiteBuild, 'id' | 'finishedAt'> & { rolledBack: { by: string | null; at: string } | null }) | null
  siteUrl: string
} | null

export type SubscriberFigures = {
  byStatus: { confirmed: number; pending: number; unsubscribed: number }
  /** Confirmed sign-ups per week (weeks start on Monday, UTC), oldest first, the current week last. */
  weekly: { weekStart: string; confirmed: number }[]
  pendingOver48h: number
  lastExport: Pick<SubscriberExport, 'createdAt' | 'rows' | 'selection'> | null
}

export type Desk = {
  role: User['role']
  /** Editors and admins: writers' requests, oldest first. */
  reviewRequests?: { items: ReviewAsked[]; total: number }
  /** Editors and admins: every draft with unpublished changes; writers: their own. Oldest first. */
  drafts: { items: DraftWaiting[]; total: number }
  /** Writers: their requests, open and recently published. */
  myRequests?: ReviewAsked[]
  scheduled?: { items: ScheduledPublication[]; total: number }
  site?: SiteStatus
  subscribers?: SubscriberFigures
  /** Admins: the webhooks whose calls are failing (none: an empty list). */
  failingWebhooks?: WebhookHealth[]
}

const idOf = (value: unknown): number | null => relationId(value) ?? null

/** Display names for the accounts named, in one query. */
async function namesOf(payload: Payload, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))]
  if (wanted.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'users',
    where: { id: { in: wanted } },
    select: { name: true },
    limit: wanted.length,
    depth: 0,
    pagination: false,
  })
  return new Map(docs.map((user) => [user.id, user.name]))
}

/** What the checks found in these documents, by key, in one query. */
async function checksOf(payload: Payload, keys: string[]): Promise<Map<string, { errors: number; warnings: number }>> {
  if (keys.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'content-checks',
    where: { key: { in: keys } },
    select: { key: true, errors: true, warnings: true },
    depth: 0,
    pagination: false,
  })
  return new Map(docs.map((row) => [row.key, { errors: row.errors, warnings: row.warnings }]))
}

const draftFilter = (by?: number): Where => ({
  and: [{ latest: { equals: true } }, { 'version._status': { equals: 'draft' } }, ...(by === undefined ? [] : [{ 'version.lastChangedBy': { equals: by } }])],
})

/** Drafts with unpublished changes (all, or those `by` changed last), oldest change first. */
export async function draftsWaiting(payload: Payload, by?: number): Promise<Desk['drafts']> {
  type Row = Omit<DraftWaiting, 'changedBy' | 'checks'> & { changedById: number | null }
  const fromCollections = REVIEWABLE_COLLECTIONS.map(async (target) => {
    const titleField = titleFieldOf(payload, target)
    const found = await payload.findVersions({
      collection: target,
      where: draftFilter(by),
      sort: 'updatedAt',
      limit: DESK_LIST_LIMIT,
      depth: 0,
      select: { parent: true, updatedAt: true, version: { [titleField]: true, lastChangedBy: true } } as never,
    })
    const rows: Row[] = found.docs.map((row) => {
      const version = row.version as unknown as Record<string, unknown>
      const id = idOf(row.parent)
      return {
        target,
        kind: targetLabel(payload, target),
        id,
        title: documentTitle(payload, target, id, version),
        changedById: idOf(version.lastChangedBy),
        changedAt: row.updatedAt,
        editPath: editPath(target, id),
        previewUrl: id !== null && (PREVIEW_TARGETS as readonly string[]).includes(target) ? previewUrl(target as PreviewTarget, id) : null,
      }
    })
    return { rows, total: found.totalDocs }
  })
  const fromGlobals = REVIEWABLE_GLOBALS.map(async (target) => {
    const found = await payload.findGlobalVersions({
      slug: target,
      where: draftFilter(by),
      limit: 1,
      depth: 0,
      select: { updatedAt: true, version: { lastChangedBy: true } } as never,
    })
    const rows: Row[] = found.docs.map((row) => ({
      target,
      kind: 'Page settings',
      id: null,
      title: targetLabel(payload, target),
      changedById: idOf((row.version as unknown as Record<string, unknown>).lastChangedBy),
      changedAt: row.updatedAt,
      editPath: editPath(target),
      previewUrl: target === 'home' ? previewUrl('home', 'home') : null,
    }))
    return { rows, total: found.totalDocs }
  })
  const lists = await Promise.all([...fromCollections, ...fromGlobals])
  const rows = lists
    .flatMap((list) => list.rows)
    .sort((a, b) => a.changedAt.localeCompare(b.changedAt))
    .slice(0, DESK_LIST_LIMIT)
  const [names, checks] = await Promise.all([
    namesOf(
      payload,
      rows.map((row) => row.changedById),
    ),
    checksOf(
      payload,
      rows.map((row) => checksKey(row.target, row.id)),
    ),
  ])
  return {
    items: rows.map(({ changedById, ...row }) => ({
      ...row,
      changedBy: changedById === null ? null : (names.get(changedById) ?? null),
      checks: checks.get(checksKey(row.target, row.id)) ?? null,
    })),
    total: lists.reduce((sum, list) => sum + list.total, 0),
  }
}

/** Review requests: the open ones (editors), or one writer's open and recently answered ones. */
export async function reviewRequests(payload: Payload, requestedBy?: number): Promise<{ items: ReviewAsked[]; total: number }> {
  const recently = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString()
  const where: Where =
    requestedBy === undefined
      ? { state: { equals: 'open' } }
      : { and: [{ requestedBy: { equals: requestedBy } }, { or: [{ state: { equals: 'open' } }, { publishedAt: { greater_than: recently } }] }] }
  const found = await payload.find({
    collection: 'review-requests',
    where,
    sort: requestedBy === undefined ? 'createdAt' : '-createdAt',
    limit: DESK_LIST_LIMIT,
    depth: 0,
  })
  const names = await namesOf(
    payload,
    found.docs.flatMap((request) => [idOf(request.requestedBy), idOf(request.publishedBy)]),
  )
  const nameOf = (value: unknown) => {
    const id = idOf(value)
    return id === null ? null : (names.get(id) ?? null)
  }
  return {
    items: found.docs.map((request) => ({
      id: request.id,
      title: request.title ?? 'Untitled',
      kind: targetLabel(payload, request.target),
      editPath: editPath(request.target, request.documentId),
      message: request.message ?? null,
      requestedBy: nameOf(request.requestedBy),
      requestedAt: request.createdAt,
      state: request.state,
      publishedBy: nameOf(request.publishedBy),
      publishedAt: request.publishedAt ?? null,
    })),
    total: found.totalDocs,
  }
}

type ScheduleInput = {
  type?: 'publish' | 'unpublish'
  doc?: { relationTo: string; value: number | string }
  global?: string
  user?: { relationTo: string; value: number | string }
}

/** Publications and unpublications scheduled and not yet run, soonest first. */
export async function scheduledPublications(payload: Payload): Promise<Desk['scheduled']> {
  const found = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'schedulePublish' } }, { completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
    sort: 'waitUntil',
    limit: DESK_LIST_LIMIT,
    depth: 0,
  })
  const inputs = found.docs.map((job) => ({ job, input: (job.input ?? {}) as ScheduleInput }))
  const titles = new Map<string, string>()
  for (const target of REVIEWABLE_COLLECTIONS) {
    const ids = inputs.filter(({ input }) => input.doc?.relationTo === target).map(({ input }) => Number(input.doc!.value))
    if (ids.length === 0) continue
    const { docs } = await payload.find({ collection: target, where: { id: { in: ids } }, draft: true, depth: 0, pagination: false })
    for (const doc of docs) titles.set(`${target}:${doc.id}`, documentTitle(payload, target, doc.id, doc as unknown as Record<string, unknown>))
  }
  const names = await namesOf(
    payload,
    inputs.map(({ input }) => (input.user ? Number(input.user.value) : null)),
  )
  const items = inputs.flatMap(({ job, input }): ScheduledPublication[] => {
    const target = (input.doc?.relationTo ?? input.global) as ReviewTarget | undefined
    if (!target || !job.waitUntil) return []
    const id = input.doc ? Number(input.doc.value) : null
    return [
      {
        jobId: job.id,
        action: input.type === 'unpublish' ? 'unpublish' : 'publish',
        kind: targetLabel(payload, target),
        title: id === null ? targetLabel(payload, target) : (titles.get(`${target}:${id}`) ?? `Deleted (#${id})`),
        editPath: editPath(target, id),
        at: job.waitUntil,
        by: input.user ? (names.get(Number(input.user.value)) ?? null) : null,
      },
    ]
  })
  return { items, total: found.totalDocs }
}

/** The last site build, and the live one when the last is not it. Null where no build ran yet. */
export async function siteStatus(payload: Payload): Promise<SiteStatus> {
  const [last] = (await payload.find({ collection: 'site-builds', sort: '-createdAt', limit: 1, depth: 0 })).docs
  if (!last) return null
  const live =
    last.status === 'live'
      ? last
      : ((
          await payload.find({
            collection: 'site-builds',
            where: { status: { equals: 'live' } },
            limit: 1,
            depth: 0,
            select: { finishedAt: true, rolledBackAt: true, rolledBackBy: true },
          })
        ).docs[0] ?? null)
  const requester = idOf(last.requestedBy)
  const rolledBackBy = idOf(live?.rolledBackBy)
  const names = await namesOf(payload, [requester, rolledBackBy])
  return {
    last: {
      id: last.id,
      status: last.status,
      reason: last.reason,
      createdAt: last.createdAt,
      finishedAt: last.finishedAt,
      logTail: last.logTail,
      changedPath: last.changedPath,
      requestedBy: requester === null ? null : (names.get(requester) ?? null),
    },
    live: live && {
      id: live.id,
      finishedAt: live.finishedAt,
      rolledBack: live.rolledBackAt ? { by: rolledBackBy === null ? null : (names.get(rolledBackBy) ?? null), at: live.rolledBackAt } : null,
    },
    siteUrl: `${siteUrl()}${SITE_ROUTES.home}`,
  }
}

const WEEKS = 12
const WEEK_MS = 7 * 24 * 3600 * 1000

/** Monday 00:00 UTC of the week `date` is in. */
const weekStart = (date: Date): Date => {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 24 * 3600 * 1000)
}

/**
 * The subscriber list in figures: for admins only (the desk never reads it for anyone else). Every
 * time window is measured from `now`, never from the database's clock, so the figures at a given
 * moment are the same whenever they are read.
 */
export async function subscriberFigures(payload: Payload, now = new Date()): Promise<SubscriberFigures> {
  const first = new Date(weekStart(now).getTime() - (WEEKS - 1) * WEEK_MS)
  const [byStatus, weekly, pendingOver48h, exports] = await Promise.all([
    query<{ status: string; people: string }>(payload, 'SELECT status, count(*) AS people FROM subscribers GROUP BY status'),
    query<{ week: string; people: string }>(
      payload,
      `SELECT to_char(date_trunc('week', confirmed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*) AS people
         FROM subscribers WHERE status = 'confirmed' AND confirmed_at >= $1 AND confirmed_at <= $2 GROUP BY 1`,
      [first.toISOString(), now.toISOString()],
    ),
    payload.count({
      collection: 'subscribers',
      where: { status: { equals: 'pending' }, createdAt: { less_than: new Date(now.getTime() - 48 * 3600 * 1000).toISOString() } },
    }),
    payload.find({ collection: 'subscriber-exports', sort: '-createdAt', limit: 1, depth: 0, select: { createdAt: true, rows: true, selection: true } }),
  ])
  const counted = (status: string) => Number(byStatus.find((row) => row.status === status)?.people ?? 0)
  const perWeek = new Map(weekly.map((row) => [row.week, Number(row.people)]))
  return {
    byStatus: { confirmed: counted('confirmed'), pending: counted('pending'), unsubscribed: counted('unsubscribed') },
    weekly: Array.from({ length: WEEKS }, (_, index) => {
      const start = new Date(first.getTime() + index * WEEK_MS).toISOString().slice(0, 10)
      return { weekStart: start, confirmed: perWeek.get(start) ?? 0 }
    }),
    pendingOver48h: pendingOver48h.totalDocs,
    lastExport: exports.docs[0] ?? null,
  }
}

/** The desk for one person: what their role needs, and nothing their role may not see. */
export async function loadDesk(payload: Payload, person: DeskPerson): Promise<Desk> {
  if (!mayPublish(person)) {
    const [drafts, mine] = await Promise.all([draftsWaiting(payload, person.id), reviewRequests(payload, person.id)])
    return { role: person.role, drafts, myRequests: mine.items }
  }
  const admin = person.role === 'admin'
  const [requests, drafts, scheduled, site, subscribers, webhooks] = await Promise.all([
    reviewRequests(payload),
    draftsWaiting(payload),
    scheduledPublications(payload),
    siteStatus(payload),
    admin ? subscriberFigures(payload) : undefined,
    admin ? failingWebhooks(payload) : undefined,
  ])
  return {
    role: person.role,
    reviewRequests: requests,
    drafts,
    scheduled,
    site,
    ...(subscribers && { subscribers }),
    ...(webhooks && { failingWebhooks: webhooks }),
  }
}
