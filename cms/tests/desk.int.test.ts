/**
 * The desk (the admin's home page) per role, against a real database: who changed a draft is
 * recorded from the account that saved it; a writer asks for review over REST (refused when there
 * is nothing to review, or when asked already); editors see the request, every draft waiting and
 * what is scheduled, and can cancel it, which a writer cannot; publishing answers the request; only
 * admins get the subscriber figures, counted per status and per week.
 */
import type { Payload, SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DESK_LIST_LIMIT, loadDesk, subscriberFigures } from '../src/desk/loadDesk'
import type { AnnualReport, User, Value } from '../src/payload-types'
import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber, createDoc, editorialData } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let config: SanitizedConfig
let api: ReturnType<typeof apiClient>
const accounts = {} as Record<'admin' | 'editor' | 'writer', { user: User; token: string }>

beforeAll(async () => {
  ;({ payload, config } = await startTestPayload())
  api = apiClient(config)
  for (const role of ['admin', 'editor', 'writer'] as const) accounts[role] = await signIn(payload, role)
})

afterAll(async () => {
  await payload?.destroy()
})

describe('a writer’s draft on its way to an editor', () => {
  let faqId: number

  it('records who changed the draft from the account that saved it, whatever the request says', async () => {
    const published = await createDoc(payload, 'faqs', 'published')
    faqId = published.id
    const saved = await api.request('PATCH', `/api/faqs/${faqId}?draft=true`, {
      token: accounts.writer.token,
      body: { _status: 'draft', question: 'How do I start a chapter, step by step?', lastChangedBy: accounts.editor.user.id },
    })
    expect(saved.status).toBe(200)
    const draft = await payload.findByID({ collection: 'faqs', id: faqId, draft: true, depth: 0 })
    expect(draft.lastChangedBy).toBe(accounts.writer.user.id)
    // The public API does not say which account edits what.
    const publicRead = await api.request('GET', `/api/faqs/${faqId}`)
    expect(publicRead.status).toBe(200)
    expect(publicRead.body).not.toHaveProperty('lastChangedBy')
  })

  it('refuses to send for review what has nothing unpublished, and says why', async () => {
    const untouched = await createDoc(payload, 'values', 'published')
    const refused = await api.request('POST', '/api/review-requests', { token: accounts.writer.token, body: { target: 'values', documentId: untouched.id } })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].data.errors[0].message).toBe('Nothing to review: this has no unpublished changes. Edit it first, then ask.')
    const missing = await api.request('POST', '/api/review-requests', { token: accounts.writer.token, body: { target: 'faqs', documentId: 999_999 } })
    expect(missing.body.errors[0].data.errors[0].message).toBe('There is no such draft to review: it may have been deleted.')
    expect((await payload.count({ collection: 'review-requests' })).totalDocs).toBe(0)
  })

  it('lets the writer ask for review once, with a message, recorded as theirs', async () => {
    const asked = await api.request('POST', '/api/review-requests', {
      token: accounts.writer.token,
      body: { target: 'faqs', documentId: faqId, message: 'New wording from the chapter leads.', requestedBy: accounts.admin.user.id, state: 'published' },
    })
    expect(asked.status).toBe(201)
    expect(asked.body.doc).toMatchObject({ title: 'How do I start a chapter, step by step?', requestedBy: { id: accounts.writer.user.id }, state: 'open' })
    const again = await api.request('POST', '/api/review-requests', { token: accounts.writer.token, body: { target: 'faqs', documentId: faqId } })
    expect(again.status).toBe(400)
    expect(again.body.errors[0].data.errors[0].message).toMatch(/^You asked for review of this already/)
    // Nobody edits or deletes a request by hand.
    const id = asked.body.doc.id
    expect((await api.request('PATCH', `/api/review-requests/${id}`, { token: accounts.editor.token, body: { state: 'published' } })).status).toBe(403)
    expect((await api.request('DELETE', `/api/review-requests/${id}`, { token: accounts.writer.token })).status).toBe(403)
  })

  it('shows the editor the request first, and every draft waiting with who changed it, oldest first', async () => {
    const editorsDraft = await createDoc(payload, 'values', 'draft')
    await payload.update({
      collection: 'values',
      id: editorsDraft.id,
      draft: true,
      data: { title: 'Joy, as the editor drafts it' },
      user: accounts.editor.user,
      overrideAccess: false,
    })
    const desk = await loadDesk(payload, accounts.editor.user)
    expect(desk.reviewRequests!.items).toEqual([
      expect.objectContaining({
        title: 'How do I start a chapter, step by step?',
        kind: 'FAQ entry',
        requestedBy: 'writer',
        message: 'New wording from the chapter leads.',
        editPath: `/admin/collections/faqs/${faqId}`,
      }),
    ])
    expect(desk.drafts.items.map((draft) => [draft.title, draft.kind, draft.changedBy])).toEqual([
      ['How do I start a chapter, step by step?', 'FAQ entry', 'writer'],
      ['Joy, as the editor drafts it', 'Core value', 'editor'],
    ])
    expect(desk.drafts.items[0]!.previewUrl).toMatch(new RegExp(`/preview/faqs/${faqId}\\?token=`))
    expect(desk).not.toHaveProperty('subscribers')
  })

  it('shows a writer only their own drafts and requests, and nothing of the site’s or the list’s', async () => {
    const desk = await loadDesk(payload, accounts.writer.user)
    expect(desk.drafts.items.map((draft) => draft.title)).toEqual(['How do I start a chapter, step by step?'])
    expect(desk.myRequests).toEqual([expect.objectContaining({ state: 'open', title: 'How do I start a chapter, step by step?' })])
    expect(Object.keys(desk).sort()).toEqual(['drafts', 'myRequests', 'role'])
    // Nor can a writer read another's requests over REST.
    const other = await signIn(payload, 'writer', 'second-writer@test.example')
    expect((await api.request('GET', '/api/review-requests', { token: other.token })).body.totalDocs).toBe(0)
  })

  it('answers the request when an editor publishes the draft, and tells the writer who did', async () => {
    const published = await api.request('PATCH', `/api/faqs/${faqId}`, { token: accounts.editor.token, body: { _status: 'published' } })
    expect(published.status).toBe(200)
    const editorDesk = await loadDesk(payload, accounts.editor.user)
    expect(editorDesk.reviewRequests!.total).toBe(0)
    expect(editorDesk.drafts.items.map((draft) => draft.title)).not.toContain('How do I start a chapter, step by step?')
    const writerDesk = await loadDesk(payload, accounts.writer.user)
    expect(writerDesk.drafts.total).toBe(0)
    expect(writerDesk.myRequests).toEqual([expect.objectContaining({ state: 'published', publishedBy: 'editor' })])
  })
})

it('drops the open review requests of a document that is deleted', async () => {
  const draft = await payload.create({
    collection: 'values',
    draft: true,
    data: { title: 'Patience', _status: 'draft' },
    user: accounts.writer.user,
    overrideAccess: false,
  })
  const asked = await api.request('POST', '/api/review-requests', { token: accounts.writer.token, body: { target: 'values', documentId: draft.id } })
  expect(asked.status).toBe(201)
  expect((await api.request('DELETE', `/api/values/${draft.id}`, { token: accounts.editor.token })).status).toBe(200)
  expect((await payload.count({ collection: 'review-requests', where: { documentId: { equals: draft.id }, target: { equals: 'values' } } })).totalDocs).toBe(0)
})

describe('scheduled publications', () => {
  it('lists what is scheduled, soonest first, and lets an editor cancel it but not a writer', async () => {
    const report = (await createDoc(payload, 'annual-reports', 'draft')) as AnnualReport
    const value = (await createDoc(payload, 'values', 'published')) as Value
    // Queued as the admin's "Schedule publish" drawer queues them: the document's id as a string.
    const schedule = (at: number, input: Record<string, unknown>) =>
      payload.jobs.queue({
        task: 'schedulePublish',
        waitUntil: new Date(Date.now() + at),
        input: { ...input, user: { relationTo: 'users', value: accounts.editor.user.id } } as never,
      })
    const later = await schedule(7 * 24 * 3600 * 1000, { type: 'unpublish', doc: { relationTo: 'values', value: String(value.id) } })
    const sooner = await schedule(24 * 3600 * 1000, { type: 'publish', doc: { relationTo: 'annual-reports', value: String(report.id) } })
    await schedule(48 * 3600 * 1000, { type: 'publish', global: 'home' })

    const { scheduled } = await loadDesk(payload, accounts.editor.user)
    expect(scheduled!.items.map((item) => [item.action, item.title, item.kind, item.by])).toEqual([
      ['publish', report.title, 'Annual report', 'editor'],
      ['publish', 'Home page', 'Home page', 'editor'],
      ['unpublish', value.title, 'Core value', 'editor'],
    ])
    expect(scheduled!.items[0]!.jobId).toBe(sooner.id)

    const byWriter = await api.request('POST', `/api/desk/scheduled/${later.id}/cancel`, { token: accounts.writer.token })
    expect(byWriter.status).toBe(403)
    expect(byWriter.body.errors[0].message).toBe('Only editors and admins can schedule or cancel a publication.')
    const byEditor = await api.request('POST', `/api/desk/scheduled/${later.id}/cancel`, { token: accounts.editor.token })
    expect(byEditor.status).toBe(200)
    const twice = await api.request('POST', `/api/desk/scheduled/${later.id}/cancel`, { token: accounts.editor.token })
    expect(twice.status).toBe(404)
    expect(twice.body.errors[0].message).toMatch(/^This publication is no longer scheduled/)
    expect((await loadDesk(payload, accounts.editor.user)).scheduled!.items.map((item) => item.title)).toEqual([report.title, 'Home page'])
  })
})

describe('the live site', () => {
  it('shows the last build, and a failed one with its log and the build the public still sees', async () => {
    expect((await loadDesk(payload, accounts.editor.user)).site).toBeNull()
    const live = await payload.create({ collection: 'site-builds', data: { status: 'queued', reason: 'Core value “Joy” published' } })
    await payload.update({ collection: 'site-builds', id: live.id, data: { status: 'live', finishedAt: '2026-11-30T10:00:00.000Z' } })
    const failed = await payload.create({ collection: 'site-builds', data: { status: 'queued', reason: 'FAQ entry published' } })
    await payload.update({ collection: 'site-builds', id: failed.id, data: { status: 'failed', logTail: 'Error: page /faq failed to render' } })
    const { site } = await loadDesk(payload, accounts.editor.user)
    expect(site).toMatchObject({ last: { id: failed.id, status: 'failed', logTail: 'Error: page /faq failed to render' }, live: { id: live.id } })
  })
})

describe('subscriber figures', () => {
  it('are for admins only: counts per status, pending over 48 hours, confirmed sign-ups per week', async () => {
    // A fixed clock: every time below is set from this `now`, never from the machine's or the database's clock.
    const now = new Date('2026-11-30T12:00:00Z') // a Monday
    const hoursBefore = (hours: number) => new Date(now.getTime() - hours * 3600_000).toISOString()
    const setTime = (id: number | string, column: 'confirmed_at' | 'created_at', at: string) =>
      payload.db.pool.query(`UPDATE subscribers SET ${column} = $2 WHERE id = $1`, [id, at])
    const confirmedOn = async (email: string, at: string) => {
      const subscriber = await createConfirmedSubscriber(payload, { email })
      await setTime(subscriber.id, 'confirmed_at', at)
      await setTime(subscriber.id, 'created_at', at)
    }
    await confirmedOn('this-week@reader.example', '2026-11-30T09:00:00Z')
    await confirmedOn('last-week-a@reader.example', '2026-11-23T00:00:00Z')
    await confirmedOn('last-week-b@reader.example', '2026-11-29T23:59:00Z')
    await confirmedOn('long-ago@reader.example', '2026-01-05T10:00:00Z')
    // Confirmed after `now`: not yet a sign-up of any week the figures show.
    await confirmedOn('tomorrow@reader.example', '2026-12-01T09:00:00Z')
    const stuck = await payload.create({ collection: 'subscribers', data: { email: 'stuck@reader.example', status: 'pending' } })
    await setTime(stuck.id, 'created_at', hoursBefore(72))
    const almost = await payload.create({ collection: 'subscribers', data: { email: 'almost@reader.example', status: 'pending' } })
    await setTime(almost.id, 'created_at', hoursBefore(47))

    const figures = await subscriberFigures(payload, now)
    expect(figures.byStatus).toEqual({ confirmed: 5, pending: 2, unsubscribed: 0 })
    expect(figures.pendingOver48h).toBe(1)
    expect(figures.weekly).toHaveLength(12)
    expect(figures.weekly.at(-1)).toEqual({ weekStart: '2026-11-30', confirmed: 1 })
    expect(figures.weekly.at(-2)).toEqual({ weekStart: '2026-11-23', confirmed: 2 })
    expect(figures.weekly[0]!.weekStart).toBe('2026-09-14')
    expect(figures.weekly.reduce((sum, week) => sum + week.confirmed, 0)).toBe(3)

    expect((await loadDesk(payload, accounts.admin.user)).subscribers).toMatchObject({ byStatus: { confirmed: 5 } })
    expect(await loadDesk(payload, accounts.editor.user)).not.toHaveProperty('subscribers')
    expect(await loadDesk(payload, accounts.writer.user)).not.toHaveProperty('subscribers')
  })
})

it('cuts each list at the desk’s limit and says how many there are', async () => {
  for (let index = 0; index < DESK_LIST_LIMIT + 2; index++) {
    await payload.create({
      collection: 'faq-categories',
      draft: true,
      data: { ...((await editorialData(payload, 'faq-categories')) as { title: string }), _status: 'draft' },
    })
  }
  const { drafts } = await loadDesk(payload, accounts.editor.user)
  expect(drafts.items).toHaveLength(DESK_LIST_LIMIT)
  expect(drafts.total).toBeGreaterThanOrEqual(DESK_LIST_LIMIT + 2)
})
