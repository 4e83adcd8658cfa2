/**
 * The roles table of the product brief, cell by cell, through the real REST and GraphQL
 * handlers: public, writer, editor and admin against every collection and global.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { apiClient, signIn } from './helpers/api'
import { png } from './helpers/files'
import { createDoc, EDITORIAL, editorialData, minimalHome, minimalSettings } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

type Actor = 'public' | 'writer' | 'editor' | 'admin'
const ACTORS: Actor[] = ['public', 'writer', 'editor', 'admin']

let payload: Payload
let api: ReturnType<typeof apiClient>
const tokens: Partial<Record<Actor, string>> = {}

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) {
    tokens[role] = (await signIn(payload, role)).token
  }
})

const as = (actor: Actor) => ({ token: tokens[actor] })
const canPublish = (actor: Actor) => actor === 'editor' || actor === 'admin'
const isStaff = (actor: Actor) => actor !== 'public'

describe.each(EDITORIAL)('%s', (slug) => {
  it.each(ACTORS)('read: %s sees published documents; only staff see drafts', async (actor) => {
    const published = await createDoc(payload, slug, 'published')
    const draft = await createDoc(payload, slug, 'draft')

    const list = await api.request('GET', `/api/${slug}?limit=100&depth=0`, as(actor))
    expect(list.status).toBe(200)
    const ids = list.body.docs.map((d: { id: number }) => d.id)
    expect(ids).toContain(published.id)
    expect(ids.includes(draft.id)).toBe(isStaff(actor))

    const one = await api.request('GET', `/api/${slug}/${draft.id}?draft=true`, as(actor))
    expect(one.status).toBe(isStaff(actor) ? 200 : 404)
  })

  it.each(ACTORS)('create: %s may save a draft only when signed in, publish only as editor/admin', async (actor) => {
    const draft = await api.request('POST', `/api/${slug}?draft=true`, {
      ...as(actor),
      body: { ...(await editorialData(payload, slug)), _status: 'draft' },
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(isStaff(actor) ? 201 : 403)

    const published = await api.request('POST', `/api/${slug}`, {
      ...as(actor),
      body: { ...(await editorialData(payload, slug)), _status: 'published' },
    })
    expect(published.status, JSON.stringify(published.body)).toBe(canPublish(actor) ? 201 : 403)
  })

  it.each(ACTORS)('update: %s may save drafts when signed in, publish only as editor/admin', async (actor) => {
    const doc = await createDoc(payload, slug, 'published')
    const before = await payload.findByID({ collection: slug, id: doc.id, depth: 0 })

    const draftSave = await api.request('PATCH', `/api/${slug}/${doc.id}?draft=true`, {
      ...as(actor),
      body: { _status: 'draft' },
    })
    expect(draftSave.status).toBe(isStaff(actor) ? 200 : 403)

    const publish = await api.request('PATCH', `/api/${slug}/${doc.id}`, { ...as(actor), body: { _status: 'published' } })
    expect(publish.status).toBe(canPublish(actor) ? 200 : 403)

    // Unpublishing is publishing too: a status change without ?draft=true.
    const unpublish = await api.request('PATCH', `/api/${slug}/${doc.id}`, { ...as(actor), body: { _status: 'draft' } })
    expect(unpublish.status).toBe(canPublish(actor) ? 200 : 403)
    if (!canPublish(actor)) {
      const after = await payload.findByID({ collection: slug, id: doc.id, depth: 0 })
      expect(after._status).toBe('published')
      expect(after.updatedAt).toBe(before.updatedAt)
    }
  })

  it.each(ACTORS)('delete: %s may delete only as editor/admin', async (actor) => {
    const doc = await createDoc(payload, slug, 'published')
    const response = await api.request('DELETE', `/api/${slug}/${doc.id}`, as(actor))
    expect(response.status).toBe(canPublish(actor) ? 200 : 403)
    const remaining = await payload.count({ collection: slug, where: { id: { equals: doc.id } } })
    expect(remaining.totalDocs).toBe(canPublish(actor) ? 0 : 1)
  })
})

describe('a writer’s draft of a published document', () => {
  it('stays invisible to the public until an editor publishes it', async () => {
    const doc = await createDoc(payload, 'values', 'published')
    const edit = await api.request('PATCH', `/api/values/${doc.id}?draft=true`, {
      ...as('writer'),
      body: { title: 'Draft title', _status: 'draft' },
    })
    expect(edit.status).toBe(200)
    const publicView = await api.request('GET', `/api/values/${doc.id}?draft=true`)
    expect(publicView.body.title).toBe((doc as { title: string }).title)
    const staffView = await api.request('GET', `/api/values/${doc.id}?draft=true`, as('writer'))
    expect(staffView.body.title).toBe('Draft title')
  })
})

describe.each(['home', 'site-settings'] as const)('global %s', (slug) => {
  beforeAll(async () => {
    const data = slug === 'home' ? minimalHome() : minimalSettings
    await payload.updateGlobal({ slug, data: { ...data, _status: 'published' } as never })
  })

  it.each(ACTORS)('read and update as %s', async (actor) => {
    const read = await api.request('GET', `/api/globals/${slug}`, as(actor))
    expect(read.status).toBe(200)

    const draft = await api.request('POST', `/api/globals/${slug}?draft=true`, { ...as(actor), body: { _status: 'draft' } })
    expect(draft.status).toBe(isStaff(actor) ? 200 : 403)

    const publish = await api.request('POST', `/api/globals/${slug}`, { ...as(actor), body: { _status: 'published' } })
    expect(publish.status).toBe(canPublish(actor) ? 200 : 403)
  })
})

describe('global drafts', () => {
  it('are invisible to the public, even with ?draft=true', async () => {
    await payload.updateGlobal({
      slug: 'site-settings',
      data: {
        _status: 'published',
        siteName: 'Published name',
        newsletter: { heading: 'H', pitch: 'P', consentText: 'C', consentVersion: '1' },
      },
    })
    await payload.updateGlobal({ slug: 'site-settings', data: { siteName: 'Draft name', _status: 'draft' }, draft: true })
    for (const path of ['/api/globals/site-settings', '/api/globals/site-settings?draft=true']) {
      const response = await api.request('GET', path)
      expect(response.body.siteName).toBe('Published name')
    }
    const staff = await api.request('GET', '/api/globals/site-settings?draft=true', as('writer'))
    expect(staff.body.siteName).toBe('Draft name')
  })
})

describe('subscribers', () => {
  /** A subscriber with a sign-up whose confirmation link's hash is on record. */
  async function newSubscriber(email: string) {
    const subscriber = await payload.create({ collection: 'subscribers', data: { email, status: 'pending' } })
    await payload.db.pool.query(
      `INSERT INTO newsletter_signups (id, subscriber_id, received_at, confirm_token_hash) VALUES (gen_random_uuid(), $1, now(), $2)`,
      [subscriber.id, `secret-hash-${subscriber.id}`],
    )
    return subscriber
  }

  it.each(ACTORS)('%s: only admins read, create, update or erase them over REST', async (actor) => {
    const subscriber = await newSubscriber(`rest-${actor}@example.org`)
    const allowed = actor === 'admin'
    const expected = (ok: number) => (allowed ? ok : 403)

    expect((await api.request('GET', '/api/subscribers', as(actor))).status).toBe(expected(200))
    expect((await api.request('GET', `/api/subscribers/${subscriber.id}`, as(actor))).status).toBe(expected(200))
    expect((await api.request('GET', `/api/subscribers/count`, as(actor))).status).toBe(expected(200))
    const created = await api.request('POST', '/api/subscribers', { ...as(actor), body: { email: `new-${actor}@example.org` } })
    expect(created.status).toBe(expected(201))
    const updated = await api.request('PATCH', `/api/subscribers/${subscriber.id}`, { ...as(actor), body: { status: 'unsubscribed' } })
    expect(updated.status).toBe(expected(200))
    // Erasing is its own action, which says what goes and leaves an audit line; Payload's delete is closed.
    expect((await api.request('DELETE', `/api/subscribers/${subscriber.id}`, as(actor))).status).toBe(403)
    const erased = await api.request('POST', `/api/subscribers/${subscriber.id}/erase`, as(actor))
    expect(erased.status).toBe(expected(200))
    expect((await payload.count({ collection: 'subscribers', where: { id: { equals: subscriber.id } } })).totalDocs).toBe(allowed ? 0 : 1)
  })

  it.each(ACTORS)('%s: only admins read them over GraphQL', async (actor) => {
    await newSubscriber(`graphql-${actor}@example.org`)
    const response = await api.graphql('{ Subscribers { docs { email status } } }', as(actor))
    if (actor === 'admin') {
      expect(response.body.errors).toBeUndefined()
      expect(response.body.data.Subscribers.docs.length).toBeGreaterThan(0)
    } else {
      expect(response.body.errors?.[0]?.message).toMatch(/not allowed/i)
      expect(response.body.data?.Subscribers ?? null).toBeNull()
    }
    const mutation = await api.graphql(`mutation { createSubscriber(data: { email: "gql-${actor}@example.org", status: pending }) { id } }`, as(actor))
    expect(Boolean(mutation.body.errors)).toBe(actor !== 'admin')
  })

  it('never send token hashes, not even to admins', async () => {
    const subscriber = await newSubscriber('secret@example.org')
    const rest = await api.request('GET', `/api/subscribers/${subscriber.id}`, as('admin'))
    expect(rest.status).toBe(200)
    expect(JSON.stringify(rest.body)).not.toContain('secret-hash')
    expect(JSON.stringify((await api.request('GET', '/api/subscribers?depth=2', as('admin'))).body)).not.toContain('secret-hash')
    const gql = await api.graphql('{ Subscribers { docs { email } } }', as('admin'))
    expect(JSON.stringify(gql.body)).not.toContain('secret-hash')
    const asked = await api.graphql('{ Subscribers { docs { confirmTokenHash } } }', as('admin'))
    expect(JSON.stringify(asked.body)).not.toContain('secret-hash')
  })
})

describe('graphql on editorial content', () => {
  it('returns only published documents to the public', async () => {
    const published = await createDoc(payload, 'faqs', 'published')
    const draft = await createDoc(payload, 'faqs', 'draft')
    const response = await api.graphql('{ Faqs(limit: 100) { docs { id } } }')
    const ids = response.body.data.Faqs.docs.map((d: { id: number }) => d.id)
    expect(ids).toContain(published.id)
    expect(ids).not.toContain(draft.id)
  })

  it.each(ACTORS)('lets %s publish only as editor/admin', async (actor) => {
    const response = await api.graphql(`mutation { createValue(data: { title: "GraphQL ${actor}", summary: "S", _status: published }) { id } }`, as(actor))
    expect(Boolean(response.body.errors)).toBe(!canPublish(actor))
    const draft = await api.graphql(
      `mutation { createValue(draft: true, data: { title: "GraphQL draft ${actor}", summary: "S", _status: draft }) { id } }`,
      as(actor),
    )
    expect(Boolean(draft.body.errors)).toBe(!isStaff(actor))
  })
})

describe('media', () => {
  const upload = async (actor: Actor) => {
    const pixel = await png(2, 2, '#336')
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(pixel)], { type: 'image/png' }), `pixel-${actor}.png`)
    form.append('_payload', JSON.stringify({ alt: 'A dark blue square' }))
    return api.request('POST', '/api/media', { ...as(actor), body: form })
  }

  // Which media the public reads, and which writers may change, is in security.media.int.test.ts.
  it.each(ACTORS)('%s: staff read unpublished media and upload, editors and admins delete', async (actor) => {
    const created = await upload(actor)
    expect(created.status, JSON.stringify(created.body)).toBe(isStaff(actor) ? 201 : 403)
    const existing = await payload.create({
      collection: 'media',
      data: { alt: 'Existing' },
      file: {
        data: await png(2, 2, '#633'),
        mimetype: 'image/png',
        name: `existing-${actor}.png`,
        size: 70,
      },
    })
    expect((await api.request('GET', `/api/media/${existing.id}`, as(actor))).status).toBe(isStaff(actor) ? 200 : 404)
    expect((await api.request('DELETE', `/api/media/${existing.id}`, as(actor))).status).toBe(canPublish(actor) ? 200 : 403)
  })

  it('refuses a file without alternative text', async () => {
    const form = new FormData()
    const pixel = await png(2, 2, '#363')
    form.append('file', new Blob([new Uint8Array(pixel)], { type: 'image/png' }), 'no-alt.png')
    form.append('_payload', JSON.stringify({}))
    const response = await api.request('POST', '/api/media', { ...as('editor'), body: form })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toMatch(/Alternative text/)
  })
})

describe('staff accounts', () => {
  it('are readable only by admins and by each person for their own account', async () => {
    expect((await api.request('GET', '/api/users')).status).toBe(403)
    const writerList = await api.request('GET', '/api/users', as('writer'))
    expect(writerList.status).toBe(200)
    expect(writerList.body.docs.map((u: { role: string }) => u.role)).toEqual(['writer'])
    const adminList = await api.request('GET', '/api/users', as('admin'))
    expect(adminList.body.totalDocs).toBeGreaterThanOrEqual(3)
  })

  it.each(['public', 'writer', 'editor'] as Actor[])('%s cannot create accounts; admins can', async (actor) => {
    const body = { email: `made-by-${actor}@test.example`, password: 'a-long-password-1', name: 'New', role: 'editor' }
    expect((await api.request('POST', '/api/users', { ...as(actor), body })).status).toBe(403)
    const byAdmin = await api.request('POST', '/api/users', { ...as('admin'), body })
    expect(byAdmin.status).toBe(201)
  })

  it('lets nobody but an admin change a role', async () => {
    const { user, token } = await signIn(payload, 'writer', 'ambitious-writer@test.example')
    const response = await api.request('PATCH', `/api/users/${user.id}`, { token, body: { role: 'admin', name: 'Renamed' } })
    expect(response.status).toBe(200)
    const after = await payload.findByID({ collection: 'users', id: user.id })
    expect(after.name).toBe('Renamed')
    expect(after.role).toBe('writer')
    const byAdmin = await api.request('PATCH', `/api/users/${user.id}`, { ...as('admin'), body: { role: 'editor' } })
    expect(byAdmin.status).toBe(200)
    expect((await payload.findByID({ collection: 'users', id: user.id })).role).toBe('editor')
  })

  it('are deleted only by admins', async () => {
    const { user } = await signIn(payload, 'writer', 'leaving@test.example')
    expect((await api.request('DELETE', `/api/users/${user.id}`, as('editor'))).status).toBe(403)
    expect((await api.request('DELETE', `/api/users/${user.id}`, as('admin'))).status).toBe(200)
  })
})
