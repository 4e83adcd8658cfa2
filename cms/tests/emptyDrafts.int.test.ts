/**
 * Drafts left empty by "Create new" (which, with autosave, saves a document before anything is
 * typed) are discarded by the job runner once untouched for half an hour; a draft with anything
 * typed in it, and anything ever published, stays.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import type { User } from '../src/payload-types'
import { discardEmptyDrafts } from '../src/publishing/emptyDrafts'
import { paragraphs } from '../src/seed/richText'
import { signIn } from './helpers/api'
import { EDITORIAL } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let writer: User

beforeAll(async () => {
  payload = (await startTestPayload()).payload
  writer = (await signIn(payload, 'writer')).user
})

afterAll(async () => {
  await payload?.destroy()
})

/** What the admin's create view saves at once, as the person who opened it. */
const openCreateNew = (collection: (typeof EDITORIAL)[number]) => payload.create({ collection, data: {}, draft: true, user: writer, overrideAccess: false })

it('discards the empty drafts "Create new" left, only once untouched for half an hour, and keeps the rest', async () => {
  const empty = await Promise.all(EDITORIAL.map(openCreateNew))
  const bodyOnly = await payload.create({ collection: 'values', draft: true, data: { body: paragraphs('Begun, but no title yet.'), _status: 'draft' } })
  const titled = await payload.create({ collection: 'faq-categories', draft: true, data: { title: 'Organizing', _status: 'draft' } })
  const published = await payload.create({ collection: 'values', data: { title: 'Joy', summary: 'Joy.', body: paragraphs('Joy.'), _status: 'published' } })
  // Its draft emptied (drafts are not validated): once published, it is never discarded.
  await payload.update({
    collection: 'values',
    id: published.id,
    draft: true,
    data: { title: null, slug: null, summary: null, body: null, _status: 'draft' } as never,
  })

  // Emptied and unpublished, though once published: kept (its published version remains).
  const unpublished = await payload.create({ collection: 'faq-categories', data: { title: 'Once live', _status: 'published' } })
  await payload.update({ collection: 'faq-categories', id: unpublished.id, data: { _status: 'draft' } })
  await payload.update({ collection: 'faq-categories', id: unpublished.id, data: { title: null, slug: null, _status: 'draft' } as never, draft: true })
  // Live, with its published versions pruned away (versions are capped) and its draft emptied: kept.
  const pruned = await payload.create({ collection: 'values', data: { title: 'Hope', summary: 'Hope.', body: paragraphs('Hope.'), _status: 'published' } })
  await payload.update({
    collection: 'values',
    id: pruned.id,
    draft: true,
    data: { title: null, slug: null, summary: null, body: null, _status: 'draft' } as never,
  })
  await payload.db.pool.query(`DELETE FROM _values_v WHERE parent_id = $1 AND version__status = 'published'`, [pruned.id])
  // Empty, but open in someone's browser (Payload's lock on it): kept.
  const open = await openCreateNew('faqs')
  await payload.create({
    collection: 'payload-locked-documents',
    data: { document: { relationTo: 'faqs', value: open.id }, user: { relationTo: 'users', value: writer.id } },
  })

  // Just opened: nobody loses the page they are looking at.
  expect(await discardEmptyDrafts(payload)).toBe(0)

  expect(await discardEmptyDrafts(payload, new Date(Date.now() + 1000))).toBe(EDITORIAL.length)
  for (const [index, collection] of EDITORIAL.entries()) {
    expect((await payload.count({ collection, where: { id: { equals: empty[index]!.id } } })).totalDocs, collection).toBe(0)
  }
  expect((await payload.count({ collection: 'values', where: { id: { in: [bodyOnly.id, published.id, pruned.id] } } })).totalDocs).toBe(3)
  expect((await payload.count({ collection: 'faq-categories', where: { id: { in: [titled.id, unpublished.id] } } })).totalDocs).toBe(2)
  expect((await payload.count({ collection: 'faqs', where: { id: { equals: open.id } } })).totalDocs).toBe(1)
})

it('is scheduled every ten minutes on the default queue, where the job runner queues it', async () => {
  const task = payload.config.jobs.tasks?.find((each) => each.slug === 'discardEmptyDrafts')
  expect(task?.schedule).toEqual([{ cron: '*/10 * * * *', queue: 'default' }])
  await payload.jobs.handleSchedules({ queue: 'default' })
  const queued = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'discardEmptyDrafts' } }, depth: 0 })
  expect(queued.docs).toHaveLength(1)
  expect(queued.docs[0]!.queue).toBe('default')
})
