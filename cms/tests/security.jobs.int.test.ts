/**
 * Jobs: only admins (and the job runner, through the Local API) run due jobs over the API, only
 * editors and admins schedule or cancel a publication, and the jobs collection itself is closed.
 * Scheduling goes through the admin's server function, so that part is called over HTTP on a real
 * CMS server, with a session cookie, as the admin's browser calls it.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SCHEDULING_REFUSED } from '../src/publishing/schedulePublishing'
import { apiClient, signIn } from './helpers/api'
import { type CmsServer, startCmsServer } from './helpers/cmsServer'
import { createDoc } from './helpers/fixtures'
import { adminServerFunction } from './helpers/serverFunction'
import { startTestPayload } from './helpers/testPayload'

type Role = 'admin' | 'editor' | 'writer'
const NOT_ADMINS = [
  ['the public', undefined],
  ['a writer', 'writer'],
  ['an editor', 'editor'],
] as const

let payload: Payload
let api: ReturnType<typeof apiClient>
let cms: CmsServer
let serverFunction: Awaited<ReturnType<typeof adminServerFunction>>
const tokens = {} as Record<Role, string>

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) tokens[role] = (await signIn(payload, role)).token
  cms = await startCmsServer(started.databaseUrl)
  serverFunction = await adminServerFunction(cms.url)
})

afterAll(async () => {
  await cms?.stop()
})

/** A draft core value with a publication due a second ago, waiting for the job runner. */
async function duePublication() {
  const value = await createDoc(payload, 'values', 'draft')
  const job = await payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: 'publish', doc: { relationTo: 'values', value: value.id } },
    waitUntil: new Date(Date.now() - 1000),
  })
  return { value, job }
}

const statusOf = async (id: number) => (await payload.findByID({ collection: 'values', id, depth: 0 }))._status
/** Scheduled publications of a value not yet carried out (the admin stores the id as a string). */
async function pendingJobs(valueId: number) {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'schedulePublish' } }, { completedAt: { exists: false } }] },
    pagination: false,
    depth: 0,
  })
  return docs.filter((job) => String((job.input as { doc?: { value?: unknown } } | null)?.doc?.value) === String(valueId))
}

describe('running jobs over the API', () => {
  it.each(NOT_ADMINS)('is refused to %s, and no due job runs', async (_, role) => {
    const { value } = await duePublication()
    for (const path of ['/api/payload-jobs/run', '/api/payload-jobs/run?allQueues=true', '/api/payload-jobs/handle-schedules']) {
      const response = await api.request('GET', path, { token: role && tokens[role] })
      expect(response.status, path).toBe(401)
    }
    expect(await statusOf(value.id)).toBe('draft')
    expect(await pendingJobs(value.id)).toHaveLength(1)
  })

  it('is allowed to admins', async () => {
    const { value } = await duePublication()
    const response = await api.request('GET', '/api/payload-jobs/run', { token: tokens.admin })
    expect(response.status).toBe(200)
    expect(await statusOf(value.id)).toBe('published')
  })
})

describe('the jobs collection', () => {
  it.each(NOT_ADMINS)('is closed to %s over REST and GraphQL', async (_, role) => {
    const { job } = await duePublication()
    const as = { token: role && tokens[role] }
    expect((await api.request('GET', '/api/payload-jobs', as)).status).toBe(403)
    expect((await api.request('GET', `/api/payload-jobs/${job.id}`, as)).status).toBe(403)
    expect((await api.request('DELETE', `/api/payload-jobs/${job.id}`, as)).status).toBe(403)
    expect((await api.request('PATCH', `/api/payload-jobs/${job.id}`, { ...as, body: { waitUntil: null } })).status).toBe(403)
    const gql = await api.graphql('{ PayloadJobs { docs { id } } }', as)
    expect(gql.body.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(await payload.count({ collection: 'payload-jobs', where: { id: { equals: job.id } } })).toMatchObject({ totalDocs: 1 })
  })
})

describe('scheduling a publication (the admin’s schedule-publish server function)', () => {
  const schedule = (role: Role, valueId: number) =>
    serverFunction(tokens[role], 'schedule-publish', {
      type: 'publish',
      date: `$D${new Date(Date.now() + 24 * 3600_000).toISOString()}`,
      doc: { relationTo: 'values', value: String(valueId) },
    })

  it('lets an editor schedule, and refuses a writer who tries to cancel it or schedule one', async () => {
    const value = await createDoc(payload, 'values', 'draft')
    const byEditor = await schedule('editor', value.id)
    expect(byEditor.result).toEqual({ message: 'Success' })
    const [job] = await pendingJobs(value.id)
    expect(job).toBeDefined()

    const cancel = await serverFunction(tokens.writer, 'schedule-publish', { deleteID: job!.id })
    expect(cancel.result).toEqual({ error: SCHEDULING_REFUSED })
    const bySchedule = await schedule('writer', value.id)
    expect(bySchedule.result).toEqual({ error: SCHEDULING_REFUSED })
    expect((await pendingJobs(value.id)).map((each) => each.id)).toEqual([job!.id])
  })

  it('lets an editor cancel a scheduled publication', async () => {
    const value = await createDoc(payload, 'values', 'draft')
    await schedule('editor', value.id)
    const [job] = await pendingJobs(value.id)
    const cancel = await serverFunction(tokens.editor, 'schedule-publish', { deleteID: job!.id })
    expect(cancel.result).toEqual({ message: 'Success' })
    expect(await payload.count({ collection: 'payload-jobs', where: { id: { equals: job!.id } } })).toMatchObject({ totalDocs: 0 })
  })
})
