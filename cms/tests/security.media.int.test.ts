/**
 * Media have no drafts, so two boundaries hang on whether published content uses a file: the
 * public reads only such files (list, document, file URL and resized copies), and writers may not
 * change them (a new file or new alt text would go live at once). And a file is named by what it
 * is, whatever name it came with, as servers pick the type they send by the name. Real REST and
 * GraphQL requests.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import { MEDIA_IN_USE_MESSAGE } from '../src/collections/Media/explainMediaInUse'
import type { Media } from '../src/payload-types'
import { paragraphs } from '../src/seed/richText'
import { apiClient, signIn } from './helpers/api'
import { editorialData, minimalHome } from './helpers/fixtures'
import { pdf, png } from './helpers/files'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
let writer: string
let editor: string

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  // The very first account becomes an admin, whatever its role.
  await signIn(payload, 'admin')
  writer = (await signIn(payload, 'writer')).token
  editor = (await signIn(payload, 'editor')).token
  await payload.updateGlobal({
    slug: 'home',
    data: { _status: 'published', ...minimalHome() },
  })
})

let files = 0
const newPng = () => png(600, 300, { r: 20, g: 40, b: files % 255 })

async function newMedia(alt = 'A test picture'): Promise<Media> {
  const name = `picture-${files++}.png`
  const data = await newPng()
  return payload.create({ collection: 'media', data: { alt }, file: { data, mimetype: 'image/png', name, size: data.length } })
}

async function newPdf(): Promise<Media> {
  const name = `report-${files++}.pdf`
  const data = pdf('The report')
  return payload.create({ collection: 'media', data: { alt: 'The report as a PDF' }, file: { data, mimetype: 'application/pdf', name, size: data.length } })
}

/** Rich text whose second node is an uploaded picture, as the admin's editor saves it. */
function withUpload(mediaId: number) {
  const text = paragraphs('Before the picture.')
  text.root.children.push({ type: 'upload', relationTo: 'media', value: mediaId, fields: null, format: '', version: 3 })
  return text
}

const usedByPublished = async (id: number) => (await payload.findByID({ collection: 'media', id, depth: 0 })).usedByPublished

async function report(status: 'draft' | 'published', fields: Record<string, unknown>) {
  const data = await editorialData(payload, 'annual-reports')
  return payload.create({ collection: 'annual-reports', data: { ...data, ...fields, _status: status } as never, draft: status === 'draft' })
}

describe('which media published content uses', () => {
  it('covers, PDFs and rich-text uploads of published reports, values, FAQ entries and the home page', async () => {
    const [cover, pdf, inReport, inValue, inFaq, inHome, inDraft] = [
      await newMedia(),
      await newPdf(),
      await newMedia(),
      await newMedia(),
      await newMedia(),
      await newMedia(),
      await newMedia(),
    ]
    await report('published', { coverImage: cover.id, pdf: pdf.id, body: withUpload(inReport.id) })
    await payload.create({
      collection: 'values',
      data: { ...(await editorialData(payload, 'values')), body: withUpload(inValue.id), _status: 'published' } as never,
    })
    await payload.create({
      collection: 'faqs',
      data: { ...(await editorialData(payload, 'faqs')), answer: withUpload(inFaq.id), _status: 'published' } as never,
    })
    await payload.updateGlobal({ slug: 'home', data: { whoWeAre: { heading: 'Who', body: withUpload(inHome.id) }, _status: 'published' } })
    await report('draft', { coverImage: inDraft.id })

    for (const used of [cover, pdf, inReport, inValue, inFaq, inHome]) expect(await usedByPublished(used.id), used.filename!).toBe(true)
    expect(await usedByPublished(inDraft.id)).toBe(false)
  })

  it('follows publishing: a draft’s new cover only when it is published, the old one no longer', async () => {
    const [oldCover, newCover] = [await newMedia(), await newMedia()]
    const doc = await report('published', { coverImage: oldCover.id })

    const draft = await api.request('PATCH', `/api/annual-reports/${doc.id}?draft=true`, {
      token: writer,
      body: { coverImage: newCover.id, _status: 'draft' },
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(200)
    expect(await usedByPublished(oldCover.id)).toBe(true)
    expect(await usedByPublished(newCover.id)).toBe(false)

    const publish = await api.request('PATCH', `/api/annual-reports/${doc.id}`, { token: editor, body: { _status: 'published' } })
    expect(publish.status, JSON.stringify(publish.body)).toBe(200)
    expect(await usedByPublished(newCover.id)).toBe(true)
    expect(await usedByPublished(oldCover.id)).toBe(false)

    const unpublish = await api.request('PATCH', `/api/annual-reports/${doc.id}`, { token: editor, body: { _status: 'draft' } })
    expect(unpublish.status).toBe(200)
    expect(await usedByPublished(newCover.id)).toBe(false)

    await payload.update({ collection: 'annual-reports', id: doc.id, data: { _status: 'published' } })
    expect(await usedByPublished(newCover.id)).toBe(true)
    expect((await api.request('DELETE', `/api/annual-reports/${doc.id}`, { token: editor })).status).toBe(200)
    expect(await usedByPublished(newCover.id)).toBe(false)
  })

  it('cannot be set through the API, even by an editor', async () => {
    const unused = await newMedia()
    const response = await api.request('PATCH', `/api/media/${unused.id}`, { token: editor, body: { usedByPublished: true } })
    expect(response.status).toBe(200)
    expect(await usedByPublished(unused.id)).toBe(false)
  })
})

describe('the public', () => {
  let used: Media
  let unused: Media
  let reportId: number

  beforeAll(async () => {
    used = await newMedia('On the live site')
    unused = await newMedia('Next year’s cover')
    reportId = (await report('published', { coverImage: used.id })).id
    await report('draft', { coverImage: unused.id })
  })

  it('lists and reads only media that published content uses', async () => {
    const list = await api.request('GET', '/api/media?sort=-createdAt&limit=100&depth=0')
    expect(list.status).toBe(200)
    const ids = list.body.docs.map((doc: Media) => doc.id)
    expect(ids).toContain(used.id)
    expect(ids).not.toContain(unused.id)
    expect(list.body.docs.every((doc: Media) => doc.usedByPublished)).toBe(true)

    expect((await api.request('GET', `/api/media/${used.id}`)).status).toBe(200)
    expect((await api.request('GET', `/api/media/${unused.id}`)).status).toBe(404)

    const gql = await api.graphql('{ allMedia(limit: 100) { docs { id alt } } }')
    const gqlIds = gql.body.data.allMedia.docs.map((doc: { id: number }) => doc.id)
    expect(gqlIds).toContain(used.id)
    expect(gqlIds).not.toContain(unused.id)
  })

  it('gets 403 or 404 for the files of unpublished media, resized copies included', async () => {
    for (const name of [unused.filename, unused.sizes?.thumbnail?.filename]) {
      const response = await api.request('GET', `/api/media/file/${name}`)
      expect([403, 404], `${name}: ${response.status}`).toContain(response.status)
    }
    for (const name of [used.filename, used.sizes?.thumbnail?.filename]) {
      expect((await api.request('GET', `/api/media/file/${name}`)).status, name!).toBe(200)
    }
  })

  it('still gets the cover of a published report populated, as the site build reads it', async () => {
    const response = await api.request('GET', `/api/annual-reports?depth=1&limit=100&draft=false&where[id][equals]=${reportId}`)
    expect(response.status).toBe(200)
    expect(response.body.docs[0].coverImage).toMatchObject({ id: used.id, url: expect.stringContaining(used.filename!) })
  })

  it('staff read every file', async () => {
    for (const token of [writer, editor]) {
      const list = await api.request('GET', '/api/media?limit=100&depth=0', { token })
      expect(list.body.docs.map((doc: Media) => doc.id)).toEqual(expect.arrayContaining([used.id, unused.id]))
      expect((await api.request('GET', `/api/media/file/${unused.filename}`, { token })).status).toBe(200)
    }
  })
})

describe('writers and media that published content uses', () => {
  let used: Media

  beforeAll(async () => {
    used = await newMedia('The cover as published')
    await report('published', { coverImage: used.id })
  })

  const replacementForm = async (name: string) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await newPng())], { type: 'image/png' }), name)
    form.append('_payload', JSON.stringify({ alt: 'Replaced' }))
    return form
  }

  it('cannot replace the file, and are told why', async () => {
    const bytesBefore = await readFile(path.join(process.env.MEDIA_DIR!, used.filename!))
    const response = await api.request('PATCH', `/api/media/${used.id}`, { token: writer, body: await replacementForm('swapped.png') })
    expect(response.status).toBe(403)
    expect(response.body.errors[0].message).toBe(MEDIA_IN_USE_MESSAGE)

    const after = await payload.findByID({ collection: 'media', id: used.id, depth: 0 })
    expect(after.filename).toBe(used.filename)
    expect(after.alt).toBe('The cover as published')
    expect(await readFile(path.join(process.env.MEDIA_DIR!, used.filename!))).toEqual(bytesBefore)
  })

  it('cannot change its alt text over REST or GraphQL, nor delete it', async () => {
    const rest = await api.request('PATCH', `/api/media/${used.id}`, { token: writer, body: { alt: 'Defaced' } })
    expect(rest.status).toBe(403)
    expect(rest.body.errors[0].message).toBe(MEDIA_IN_USE_MESSAGE)

    const gql = await api.graphql(`mutation { updateMedia(id: ${used.id}, data: { alt: "Defaced" }) { id } }`, { token: writer })
    expect(gql.body.errors?.[0]?.message).toBe(MEDIA_IN_USE_MESSAGE)

    const bulk = await api.request('PATCH', `/api/media?where[id][equals]=${used.id}`, { token: writer, body: { alt: 'Defaced' } })
    expect(bulk.body.docs ?? []).toHaveLength(0)

    expect((await api.request('DELETE', `/api/media/${used.id}`, { token: writer })).status).toBe(403)
    expect((await payload.findByID({ collection: 'media', id: used.id, depth: 0 })).alt).toBe('The cover as published')
  })

  it('may upload new media, point a draft at it and edit it; editors may change used media', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await newPng())], { type: 'image/png' }), 'new-cover.png')
    form.append('_payload', JSON.stringify({ alt: 'A new cover' }))
    const created = await api.request('POST', '/api/media', { token: writer, body: form })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.doc.id

    const draft = await api.request('POST', '/api/annual-reports?draft=true', {
      token: writer,
      body: { ...(await editorialData(payload, 'annual-reports')), coverImage: id, _status: 'draft' },
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const edit = await api.request('PATCH', `/api/media/${id}`, { token: writer, body: { alt: 'A better description' } })
    expect(edit.status).toBe(200)

    const byEditor = await api.request('PATCH', `/api/media/${used.id}`, { token: editor, body: { alt: 'Corrected by an editor' } })
    expect(byEditor.status).toBe(200)
  })
})

describe('a file is named by what it is', () => {
  /** A valid PNG with a page after its end: what a browser would run, did it take the file for HTML. */
  const pngWithPage = async () => Buffer.concat([await newPng(), Buffer.from('<script>alert(document.domain)</script>')])

  const uploadForm = (bytes: Buffer, name: string, type: string) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
    form.append('_payload', JSON.stringify({ alt: 'A picture' }))
    return form
  }

  const onDisk = (name: string) =>
    readFile(path.join(process.env.MEDIA_DIR!, name)).then(
      () => true,
      () => false,
    )

  it('stores a PNG named .html as .png, as a PNG, its resized copy too', async () => {
    const response = await api.request('POST', '/api/media', { token: writer, body: uploadForm(await pngWithPage(), 'chapters.html', 'text/html') })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    const doc = response.body.doc as Media
    expect(doc).toMatchObject({ filename: 'chapters.png', mimeType: 'image/png' })
    expect(doc.sizes?.thumbnail?.filename).toMatch(/^chapters-\d+x\d+\.png$/)
    expect(await onDisk('chapters.png')).toBe(true)
    expect(await onDisk('chapters.html')).toBe(false)
  })

  it('names a PDF by its type too, and a file that replaces another', async () => {
    const created = await api.request('POST', '/api/media', { token: writer, body: uploadForm(pdf('The report'), 'report.html', 'text/html') })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.doc).toMatchObject({ filename: 'report.pdf', mimeType: 'application/pdf' })

    const picture = await newMedia()
    const replaced = await api.request('PATCH', `/api/media/${picture.id}`, {
      token: editor,
      body: uploadForm(await pngWithPage(), 'swapped.htm', 'text/html'),
    })
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200)
    expect(replaced.body.doc).toMatchObject({ filename: 'swapped.png', mimeType: 'image/png' })
  })

  it('names uploads through the Local API (the seed’s, scripts’) the same way', async () => {
    const data = await pngWithPage()
    const doc = await payload.create({
      collection: 'media',
      data: { alt: 'A picture' },
      file: { data, mimetype: 'image/png', name: 'seeded.html', size: data.length },
    })
    expect(doc).toMatchObject({ filename: 'seeded.png', mimeType: 'image/png' })
  })

  it('refuses a file Payload fetches itself whose name says otherwise: a duplicate of one stored before names followed types', async () => {
    const data = await pngWithPage()
    await writeFile(path.join(process.env.MEDIA_DIR!, 'older.html'), data)
    const older = await payload.db.create({
      collection: 'media',
      data: { alt: 'Uploaded before', filename: 'older.html', mimeType: 'image/png', filesize: data.length, width: 600, height: 300 },
      req: {} as never,
    })
    const response = await api.request('POST', `/api/media/${older.id}/duplicate`, { token: editor, body: {} })
    expect(response.status, JSON.stringify(response.body)).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([
      { path: 'file', message: 'This file is a PNG but its name, older-1.html, ends otherwise. Rename it to end in .png and upload it again.' },
    ])
    expect(await onDisk('older-1.html')).toBe(false)
  })

  it('keeps a name that already says what the file is', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#264' } })
      .jpeg()
      .toBuffer()
    const response = await api.request('POST', '/api/media', { token: writer, body: uploadForm(jpeg, 'Crowd at the bridge.JPEG', 'image/jpeg') })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body.doc).toMatchObject({ filename: 'Crowd at the bridge.JPEG', mimeType: 'image/jpeg' })
  })
})
