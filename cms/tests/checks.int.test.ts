/**
 * The checks before publishing, against a real database: a document with each problem gets
 * exactly the finding expected (field, place, rule), kept on every save; publishing is refused
 * over REST while errors remain (each on its field) and allowed with warnings; link fields count
 * too; external links are checked by the job, only at the test's own server (private and loopback
 * addresses are refused without a request; a request goes to the address its check approved,
 * however the name resolves afterwards), and cached for a day; staff see a check's outcome, only
 * admins its reason and times; "Check the whole site" is for editors.
 */
import { createServer, type Server } from 'node:http'

import type { Payload, SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkDocument } from '../src/checks/checkDocument'
import { probeLink, queueLinkChecks } from '../src/checks/externalLinks'
import type { Finding } from '../src/checks/findings'
import { paragraphs } from '../src/seed/richText'
import { apiClient, signIn } from './helpers/api'
import { png } from './helpers/files'
import { minimalHome } from './helpers/fixtures'
import { block, heading, image, link, paragraph, quote, richText } from './helpers/lexical'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let config: SanitizedConfig
let api: ReturnType<typeof apiClient>
let admin: { token: string }
let editor: { token: string }
let writer: { token: string }
let categoryId: number
const media = {} as Record<'described' | 'placeholder' | 'fileName', number>

// The test's own web server: the only address the link checks may fetch.
let linkServer: Server
let linkOrigin: string
const asked: string[] = []
/** Each request the server got, with the host name it was asked for. */
const hosts: string[] = []

beforeAll(async () => {
  linkServer = createServer((request, response) => {
    asked.push(`${request.method} ${request.url}`)
    hosts.push(`${request.method} ${request.headers.host}${request.url}`)
    if (request.url === '/to-second') return response.writeHead(301, { Location: `http://second.test:${new URL(linkOrigin).port}/no-head` }).end()
    if (request.url === '/ok') return response.writeHead(200).end('ok')
    if (request.url === '/moved') return response.writeHead(301, { Location: '/ok' }).end()
    if (request.url === '/no-head') return response.writeHead(request.method === 'HEAD' ? 405 : 200).end()
    response.writeHead(404).end('gone')
  })
  await new Promise<void>((resolve) => linkServer.listen(0, '127.0.0.1', resolve))
  const address = linkServer.address()
  linkOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  process.env.LINK_CHECK_ALLOWED_ORIGINS = linkOrigin

  ;({ payload, config } = await startTestPayload())
  api = apiClient(config)
  admin = await signIn(payload, 'admin')
  editor = await signIn(payload, 'editor')
  writer = await signIn(payload, 'writer')
  await payload.create({ collection: 'values', data: { title: 'Joy', summary: 'Joy in the work.', body: paragraphs('Joy.'), _status: 'published' } })
  const category = await payload.create({ collection: 'faq-categories', data: { title: 'Getting involved', _status: 'published' } })
  categoryId = category.id
  await payload.create({
    collection: 'faqs',
    data: { question: 'How do I join?', category: category.id, answer: paragraphs('Sign up.'), _status: 'published' },
  })
  await payload.create({
    collection: 'annual-reports',
    data: { hebrewYear: 5784, title: 'Annual Report 5784', summary: 'The year.', body: paragraphs('Body.'), _status: 'published' },
  })
  const upload = async (alt: string, name: string) =>
    (await payload.create({ collection: 'media', data: { alt }, file: { data: await png(4, 4, '#264'), mimetype: 'image/png', name, size: 80 } })).id
  media.described = await upload('Marchers with a banner on the bridge at dusk', 'bridge.png')
  media.placeholder = await upload('image', 'crowd.png')
  media.fileName = await upload('IMG_2041.jpg', 'IMG_2041.png')
}, 120_000)

afterAll(async () => {
  await payload?.destroy()
  linkServer?.close()
  delete process.env.LINK_CHECK_ALLOWED_ORIGINS
})

const summary = (findings: Finding[]) => findings.map(({ severity, rule, path, place }) => `${severity} ${rule} ${path}: ${place}`)

const longParagraph = Array.from({ length: 151 }, (_, index) => `word${index}`).join(' ')

/** An FAQ answer with one of each problem the checks know in rich text, and links and an image that are fine. */
const troubledAnswer = () =>
  richText(
    paragraph(
      'Read ',
      link('/values#joy', 'our value of joy'),
      ', ',
      link('/faq#how-do-i-join', 'how to join'),
      ' and ',
      link('/annual-reports/5784', 'the 5784 report'),
      '.',
    ),
    paragraph(link('/valuez', 'our values'), ' and ', link('/values#nothing-here', 'a value'), ' and ', link('/annual-reports/5790', 'a report to come'), '.'),
    heading('h2', ''),
    heading('h2', 'What we did'),
    heading('h4', 'Skipped a level'),
    paragraph('More is ', link(`${linkOrigin}/ok`, 'click here'), '.'),
    paragraph(longParagraph),
    image(media.placeholder),
    image(media.fileName),
    image(media.described),
    quote(''),
  )

describe('a document with each problem', () => {
  it('gets exactly the findings expected, with the field, the place and what to do', async () => {
    const { findings } = await checkDocument(payload, 'faqs', { question: 'What should I read?', category: categoryId, answer: troubledAnswer() })
    expect(summary(findings).sort()).toEqual(
      [
        'error site-link answer: Answer, paragraph 2',
        'error site-link answer: Answer, paragraph 2',
        'error site-link answer: Answer, paragraph 2',
        'error empty-heading answer: Answer, heading 1',
        'warning heading-order answer: Answer, heading 3 (“Skipped a level”)',
        'warning link-text answer: Answer, paragraph 3',
        'warning long-paragraph answer: Answer, paragraph 4',
        'error image-alt answer: Answer, image 1',
        'error image-alt answer: Answer, image 2',
        'error empty-text answer: Answer, quote 1',
      ].sort(),
    )
    const messages = findings.map((finding) => finding.message)
    expect(messages).toContain(
      "The link “our values” leads nowhere: /valuez is not a page of this site (its pages are /, /values, /faq, /annual-reports, /wire, /search, /wire/unsubscribe, /rss.xml and each report's page). Fix the address, publish the page it points to first, or remove the link.",
    )
    expect(messages).toContain(
      'The link “a value” leads nowhere: Nothing published on /values is called #nothing-here. Fix the address, publish the page it points to first, or remove the link.',
    )
    expect(messages).toContain(
      'The link “a report to come” leads nowhere: /annual-reports/5790 is not a published annual report. Fix the address, publish the page it points to first, or remove the link.',
    )
    expect(messages).toContain(
      'The image crowd.png has the alternative text “image”, which does not describe it. Open the image in Media and describe what it shows, as you would to someone who cannot see it.',
    )
    expect(messages).toContain('This paragraph has 151 words: over 150 is hard to read on a phone. Split it where the thought turns.')
  })

  it('keeps the findings on every draft save, and refuses to publish until the errors are fixed', async () => {
    const created = await api.request('POST', '/api/faqs?draft=true', {
      token: writer.token,
      body: { _status: 'draft', question: 'What should I read?', category: categoryId, answer: troubledAnswer() },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.doc.id
    const kept = await payload.find({ collection: 'content-checks', where: { key: { equals: `faqs:${id}` } } })
    expect(kept.docs[0]).toMatchObject({ target: 'faqs', documentId: id, title: 'What should I read?', errors: 7, warnings: 3 })

    const refused = await api.request('PATCH', `/api/faqs/${id}`, { token: editor.token, body: { _status: 'published' } })
    expect(refused.status).toBe(400)
    const errors = refused.body.errors[0].data.errors as { path: string; message: string }[]
    expect(errors).toHaveLength(7)
    expect(errors.every((error) => error.path === 'answer')).toBe(true)
    expect(errors.map((error) => error.message)).toContain(
      'Answer, heading 1: This heading is empty: screen readers announce it as a heading with nothing in it. Write it, or delete it.',
    )
    expect((await payload.findByID({ collection: 'faqs', id, depth: 0 }))._status).toBe('draft')

    // With only warnings left, it publishes.
    const warningsOnly = richText(
      heading('h2', 'What we did'),
      heading('h4', 'Skipped a level'),
      paragraph('More is ', link(`${linkOrigin}/ok`, 'click here'), '.'),
    )
    const published = await api.request('PATCH', `/api/faqs/${id}`, { token: editor.token, body: { _status: 'published', answer: warningsOnly } })
    expect(published.status, JSON.stringify(published.body)).toBe(200)
    expect((await payload.find({ collection: 'content-checks', where: { key: { equals: `faqs:${id}` } } })).docs[0]).toMatchObject({ errors: 0, warnings: 2 })
  })

  it('refuses a report body’s block left empty: a financial breakdown without lines, highlights without figures', async () => {
    const body = richText(
      paragraph('Our year in figures.'),
      block({ blockType: 'financialBreakdown', heading: 'Where the money went', currency: 'USD', lines: [] }),
      block({ blockType: 'highlights', heading: 'The year', items: [] }),
      block({ blockType: 'highlights', items: [{ figure: '12,000', label: 'people marched' }] }),
    )
    const { findings } = await checkDocument(payload, 'annual-reports', { hebrewYear: 5785, title: 'Annual Report 5785', summary: 'The year.', body })
    expect(findings.filter((finding) => finding.rule === 'empty-block').map(({ place, message }) => `${place}: ${message}`)).toEqual([
      'Body, block 1 (Financial breakdown): This block has no lines: add the income and the expenses, or delete the block.',
      'Body, block 2 (Highlights): This block has no figures: add at least one, or delete the block.',
    ])
  })

  it('reports a malformed site address instead of failing the save', async () => {
    const answer = richText(paragraph(link('/100%', 'all of it'), ' ', link('/values#a%', 'a value')))
    const saved = await api.request('POST', '/api/faqs?draft=true', {
      token: writer.token,
      body: { _status: 'draft', question: 'All of it?', category: categoryId, answer },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(201)
    const row = (await payload.find({ collection: 'content-checks', where: { key: { equals: `faqs:${saved.body.doc.id}` } } })).docs[0]!
    expect((row.findings as Finding[]).map((finding) => finding.rule)).toEqual(['site-link', 'site-link'])
  })

  it('warns of a report without its PDF or cover, and a summary longer than search results show', async () => {
    const { findings } = await checkDocument(payload, 'annual-reports', {
      hebrewYear: 5785,
      title: 'Annual Report 5785',
      summary: 'x'.repeat(161),
      body: paragraphs('Body.'),
    })
    expect(summary(findings).sort()).toEqual([
      'warning long-summary summary: Summary',
      'warning report-files coverImage: Cover image',
      'warning report-files pdf: PDF version',
    ])
  })

  it('checks link fields too: the home page’s call to join cannot be published linking nowhere', async () => {
    const home = { ...minimalHome({ heading: 'Join', text: 'Join us.', linkLabel: 'Sign up', linkUrl: '/signup' }) }
    const refused = await api.request('POST', '/api/globals/home', { token: editor.token, body: { ...home, _status: 'published' } })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].data.errors).toEqual([
      expect.objectContaining({
        path: 'joinCall.linkUrl',
        message: expect.stringMatching(/^Call to join › Link address: The link leads nowhere: \/signup is not a page of this site/),
      }),
    ])
    const fixed = await api.request('POST', '/api/globals/home', {
      token: editor.token,
      body: { ...home, joinCall: { ...home.joinCall, linkUrl: '/wire' }, _status: 'published' },
    })
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200)
  })

  it('checks an earlier version of a global restored as published: it may link to what has gone since', async () => {
    const report = await payload.create({
      collection: 'annual-reports',
      data: { hebrewYear: 5790, title: 'Annual Report 5790', summary: 'A year.', body: paragraphs('A year.'), _status: 'published' },
    })
    const reportPage = `/annual-reports/${report.slug}`
    const home = minimalHome({ heading: 'Join', text: 'Join us.', linkLabel: 'Read the report', linkUrl: reportPage })
    const published = await api.request('POST', '/api/globals/home', { token: editor.token, body: { ...home, _status: 'published' } })
    expect(published.status, JSON.stringify(published.body)).toBe(200)
    const [version] = (await payload.findGlobalVersions({ slug: 'home', sort: '-createdAt', limit: 1 })).docs
    expect(version!.version).toMatchObject({ _status: 'published', joinCall: { linkUrl: reportPage } })
    // The report is taken down, and the home page moves on.
    await payload.update({ collection: 'annual-reports', id: report.id, data: { _status: 'draft' } })
    const later = { ...home, joinCall: { ...home.joinCall, linkUrl: '/wire' } }
    expect((await api.request('POST', '/api/globals/home', { token: editor.token, body: { ...later, _status: 'published' } })).status).toBe(200)

    // Someone signed out, or a writer, may not restore it: refused before anything is checked or said of it.
    const anonymous = await api.request('POST', `/api/globals/home/versions/${version!.id}`, {})
    expect(anonymous.status).toBe(403)
    expect(JSON.stringify(anonymous.body)).not.toContain(reportPage)
    const byWriter = await api.request('POST', `/api/globals/home/versions/${version!.id}`, { token: writer.token })
    expect(byWriter.status).toBe(403)
    expect(JSON.stringify(byWriter.body)).not.toContain(reportPage)

    const refused = await api.request('POST', `/api/globals/home/versions/${version!.id}`, { token: editor.token })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].data.errors).toEqual([
      expect.objectContaining({ path: 'joinCall.linkUrl', message: expect.stringContaining(`${reportPage} is not a published annual report.`) }),
    ])
    expect((await payload.findGlobal({ slug: 'home', depth: 0 })).joinCall).toMatchObject({ linkUrl: '/wire' })
    // Restored as a draft, to be mended before publishing, it is taken.
    const asDraft = await api.request('POST', `/api/globals/home/versions/${version!.id}?draft=true`, { token: editor.token })
    expect(asDraft.status, JSON.stringify(asDraft.body)).toBe(200)
    expect((await payload.findGlobal({ slug: 'home', draft: true, depth: 0 })).joinCall).toMatchObject({ linkUrl: reportPage })
    await payload.delete({ collection: 'annual-reports', id: report.id })
  })
})

describe('a media file’s description, changed on the file', () => {
  const errorsOf = async (key: string) =>
    (await payload.find({ collection: 'content-checks', where: { key: { equals: key } }, depth: 0 })).docs[0]?.findings as Finding[] | undefined

  it('checks again every document and global that shows it, as soon as it is saved, both ways', async () => {
    const upload = await payload.create({
      collection: 'media',
      data: { alt: 'photo' },
      file: { data: await png(4, 4, '#642'), mimetype: 'image/png', name: 'vigil.png', size: 80 },
    })
    const draft = await payload.create({
      collection: 'faqs',
      draft: true,
      data: { question: 'What is a vigil?', category: categoryId, answer: richText(paragraph('Like this.'), image(upload.id)), _status: 'draft' },
    })
    const untouched = await payload.create({
      collection: 'faqs',
      draft: true,
      data: { question: 'What is a chapter?', category: categoryId, answer: richText(paragraph('A group.'), image(media.placeholder)), _status: 'draft' },
    })
    const altErrors = async (key: string) => (await errorsOf(key))?.filter((finding) => finding.rule === 'image-alt').map((finding) => finding.message)
    expect(await altErrors(`faqs:${draft.id}`)).toEqual([expect.stringContaining('“photo”, which does not describe it')])
    const untouchedBefore = (await payload.find({ collection: 'content-checks', where: { key: { equals: `faqs:${untouched.id}` } } })).docs[0]!.checkedAt

    await api.request('PATCH', `/api/media/${upload.id}`, { token: editor.token, body: { alt: 'People holding candles outside the town hall' } })
    expect(await altErrors(`faqs:${draft.id}`)).toEqual([])
    // Only the documents that show the file are checked again.
    expect((await payload.find({ collection: 'content-checks', where: { key: { equals: `faqs:${untouched.id}` } } })).docs[0]!.checkedAt).toBe(untouchedBefore)

    // And the other way: a published entry's image given a placeholder description is flagged.
    await payload.update({ collection: 'faqs', id: draft.id, data: { _status: 'published' } })
    expect(await altErrors(`faqs:${draft.id}`)).toEqual([])
    await api.request('PATCH', `/api/media/${upload.id}`, { token: editor.token, body: { alt: 'picture' } })
    expect(await altErrors(`faqs:${draft.id}`)).toEqual([expect.stringContaining('“picture”, which does not describe it')])
  })
})

describe('external links', () => {
  it('are checked by the job at the test’s own server only, refused for private and loopback addresses, and kept a day', async () => {
    const elsewhere = `http://localhost:${Number(new URL(linkOrigin).port) + 1}/not-allowed`
    const answer = richText(
      paragraph(link(`${linkOrigin}/ok`, 'a page that answers'), ' ', link(`${linkOrigin}/moved`, 'a page that moved')),
      paragraph(link(`${linkOrigin}/no-head`, 'a server without HEAD'), ' ', link(`${linkOrigin}/gone`, 'a page that is gone')),
      paragraph(
        link('http://10.1.2.3/intranet', 'the intranet'),
        ' ',
        link('http://169.254.169.254/latest/meta-data', 'metadata'),
        ' ',
        link(elsewhere, 'another local port'),
      ),
    )
    const created = await payload.create({ collection: 'faqs', draft: true, data: { question: 'Where else?', category: categoryId, answer, _status: 'draft' } })
    // Saving queued the addresses; nothing was fetched yet.
    expect(asked).toEqual([])
    await payload.jobs.run()

    expect(asked.sort()).toEqual(['GET /no-head', 'HEAD /gone', 'HEAD /moved', 'HEAD /no-head', 'HEAD /ok', 'HEAD /ok'].sort())
    const row = (await payload.find({ collection: 'content-checks', where: { key: { equals: `faqs:${created.id}` } } })).docs[0]!
    const found = (row.findings as Finding[]).filter((finding) => finding.rule === 'external-link')
    // The outcome only: why a server failed, and what a name resolves to, are for admins (the link check's detail).
    expect(found.map((finding) => finding.message)).toEqual([
      `The link “a page that is gone” to ${linkOrigin}/gone is broken: it did not answer with a page when checked. Check the address, or link to a page that works.`,
      'The link “the intranet” goes to http://10.1.2.3/intranet, which is not an address the public can reach, so it was not checked. Link to a public address instead.',
      'The link “metadata” goes to http://169.254.169.254/latest/meta-data, which is not an address the public can reach, so it was not checked. Link to a public address instead.',
      `The link “another local port” goes to ${elsewhere}, which is not an address the public can reach, so it was not checked. Link to a public address instead.`,
    ])
    const details = await payload.find({ collection: 'link-checks', where: { state: { in: ['failed', 'refused'] } }, sort: 'url', depth: 0 })
    expect(details.docs.map((check) => [check.url, check.detail])).toEqual([
      ['http://10.1.2.3/intranet', 'which is a private address (10.1.2.3), not one the public can reach'],
      [`${linkOrigin}/gone`, 'it answered 404'],
      ['http://169.254.169.254/latest/meta-data', 'which is a linkLocal address (169.254.169.254), not one the public can reach'],
      [elsewhere, 'which is a loopback address (127.0.0.1), not one the public can reach'],
    ])

    // Checked within the day: saving again queues nothing, and the server is not asked again.
    await payload.update({ collection: 'faqs', id: created.id, draft: true, data: { question: 'Where else, again?' } })
    expect(await queueLinkChecks(payload, [`${linkOrigin}/ok`, `${linkOrigin}/gone`])).toEqual([])
    await payload.jobs.run()
    expect(asked).toHaveLength(6)

    // A day later, the daily run asks again, though nobody saved the page.
    await payload.db.pool.query(`UPDATE link_checks SET checked_at = now() - interval '25 hours' WHERE url = $1`, [`${linkOrigin}/gone`])
    await payload.jobs.queue({ task: 'checkExternalLinks', input: {} })
    await payload.jobs.run()
    expect(asked.slice(6)).toEqual(['HEAD /gone'])
  })

  it('refuses IPv6 addresses no public server has, though the library calls them unicast', async () => {
    expect(await probeLink('http://[::7f00:1]/')).toMatchObject({ state: 'refused' })
    expect(await probeLink('http://[fec0::1]/')).toMatchObject({ state: 'refused' })
  })

  /** A name server that answers 127.0.0.1 for a name the first time, and 127.0.0.2 after: what a rebinding name does. */
  function rebindingNames() {
    const lookups: string[] = []
    const resolve = async (host: string) => {
      lookups.push(host)
      return lookups.filter((asked) => asked === host).length === 1 ? ['127.0.0.1'] : ['127.0.0.2']
    }
    return { lookups, resolve }
  }

  it('connects to the address it checked, at every hop and for every request, however the name resolves afterwards', async () => {
    // Where a name resolved again at connection time would lead: the same port on another loopback address.
    const rebound: string[] = []
    const port = Number(new URL(linkOrigin).port)
    const elsewhere = createServer((request, response) => {
      rebound.push(`${request.method} ${request.headers.host}${request.url}`)
      response.writeHead(200).end('not the checked server')
    })
    await new Promise<void>((resolve) => elsewhere.listen(port, '127.0.0.2', resolve))
    const allowed = process.env.LINK_CHECK_ALLOWED_ORIGINS
    process.env.LINK_CHECK_ALLOWED_ORIGINS = [linkOrigin, `http://rebind.test:${port}`, `http://second.test:${port}`].join(',')
    const { lookups, resolve } = rebindingNames()
    hosts.length = 0
    try {
      // A redirect to another name, then HEAD refused and GET asked: three requests, two names.
      expect(await probeLink(`http://rebind.test:${port}/to-second`, { resolve })).toEqual({ state: 'ok', detail: 'answered 200' })
      expect(hosts).toEqual([`HEAD rebind.test:${port}/to-second`, `HEAD second.test:${port}/no-head`, `GET second.test:${port}/no-head`])
      expect(rebound).toEqual([])
      // Each name looked up once, by the check; the connections used its answer.
      expect(lookups).toEqual(['rebind.test', 'second.test'])
    } finally {
      process.env.LINK_CHECK_ALLOWED_ORIGINS = allowed
      await new Promise((done) => elsewhere.close(done))
    }
  })

  it('refuses a name that resolves to a loopback address without asking anything of it', async () => {
    const { lookups, resolve } = rebindingNames()
    hosts.length = 0
    const port = new URL(linkOrigin).port
    expect(await probeLink(`http://sneaky.test:${port}/ok`, { resolve })).toEqual({
      state: 'refused',
      detail: 'which is a loopback address (127.0.0.1), not one the public can reach',
    })
    expect(hosts).toEqual([])
    expect(lookups).toEqual(['sneaky.test'])
  })

  it('shows writers a check’s outcome, and only admins its reason and times', async () => {
    const gone = `${linkOrigin}/gone`
    const check = (who: { token: string }) =>
      api.request('GET', `/api/link-checks?where[url][equals]=${encodeURIComponent(gone)}&depth=0`, { token: who.token })
    const asWriter = await check(writer)
    expect(asWriter.status).toBe(200)
    expect(asWriter.body.docs).toHaveLength(1)
    expect(Object.keys(asWriter.body.docs[0]).sort()).toEqual(['id', 'state', 'url'])
    expect(asWriter.body.docs[0]).toMatchObject({ url: gone, state: 'failed' })
    const byId = await api.request('GET', `/api/link-checks/${asWriter.body.docs[0].id}`, { token: writer.token })
    expect(Object.keys(byId.body).sort()).toEqual(['id', 'state', 'url'])
    // Nor can a writer find out the reason by asking which checks have it.
    for (const field of ['detail', 'checkedAt', 'updatedAt']) {
      const probing = await api.request('GET', `/api/link-checks?where[${field}][exists]=true`, { token: writer.token })
      expect(probing.status, field).toBe(400)
      expect(JSON.stringify(probing.body)).toContain(`cannot be queried: ${field}`)
    }
    const gql = await api.graphql('{ LinkChecks { docs { url state detail checkedAt updatedAt } } }', { token: writer.token })
    expect(JSON.stringify(gql.body.data?.LinkChecks?.docs ?? [])).not.toMatch(/answered|T\d\d:\d\d/)

    const asAdmin = await check(admin)
    expect(asAdmin.body.docs[0]).toMatchObject({
      url: gone,
      state: 'failed',
      detail: 'it answered 404',
      checkedAt: expect.any(String),
      updatedAt: expect.any(String),
    })

    // Nor do the checks before publishing, which staff read: they give the outcome, not how the server failed.
    const faq = (await payload.find({ collection: 'faqs', draft: true, where: { question: { equals: 'Where else, again?' } } })).docs[0]!
    const row = await api.request('GET', `/api/content-checks?where[key][equals]=faqs:${faq.id}`, { token: writer.token })
    const messages = (row.body.docs[0].findings as Finding[]).filter((finding) => finding.rule === 'external-link').map((finding) => finding.message)
    expect(messages).toHaveLength(4)
    expect(messages.join(' ')).not.toMatch(/answered|404|10\.1\.2\.3\)|127\.0\.0\.1\)|169\.254\.169\.254\)|loopback|private|linkLocal/)
  })
})

it('checks the whole site on an editor’s request, and not a writer’s', async () => {
  const byWriter = await api.request('POST', '/api/checks/site', { token: writer.token })
  expect(byWriter.status).toBe(403)
  const byEditor = await api.request('POST', '/api/checks/site', { token: editor.token })
  expect(byEditor.status).toBe(200)
  const documents = (await payload.count({ collection: 'content-checks' })).totalDocs
  expect(byEditor.body.message).toMatch(new RegExp(`^Checked ${documents} documents in [\\d.]+ s: \\d+ problems? to fix, \\d+ warnings?\\.$`))
  // Four published entries, four FAQ drafts, one more published FAQ entry (with an image), the home page and the site settings.
  expect(documents).toBe(11)
})
