/**
 * Scheduled publishing end to end inside the CMS process: a job queued the way the admin's
 * "Schedule publish" queues it is picked up by the configured job runner, with nobody calling
 * it, and the report goes live. The runner's schedule is sped up to every second for the test.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { paragraphs } from '../src/seed/richText'
import { signIn } from './helpers/api'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload

beforeAll(async () => {
  payload = (await startTestPayload({ jobsCron: '* * * * * *' })).payload
})

afterAll(async () => {
  await payload?.destroy()
})

it('publishes a draft report at its scheduled time without anyone pressing anything', async () => {
  const { user: editor } = await signIn(payload, 'editor')
  const draft = await payload.create({
    collection: 'annual-reports',
    draft: true,
    data: { hebrewYear: 5784, title: 'Annual Report 5784', summary: 'The year.', body: paragraphs('Body.'), _status: 'draft' },
  })
  const publicView = () => payload.find({ collection: 'annual-reports', overrideAccess: false, where: { hebrewYear: { equals: 5784 } } })
  expect((await publicView()).totalDocs).toBe(0)

  await payload.jobs.queue({
    task: 'schedulePublish',
    waitUntil: new Date(Date.now() + 1500),
    input: { type: 'publish', doc: { relationTo: 'annual-reports', value: draft.id }, user: { relationTo: 'users', value: editor.id } },
  })

  await expect.poll(async () => (await publicView()).totalDocs, { timeout: 20_000, interval: 250 }).toBe(1)
  const published = await payload.findByID({ collection: 'annual-reports', id: draft.id })
  expect(published._status).toBe('published')
})
