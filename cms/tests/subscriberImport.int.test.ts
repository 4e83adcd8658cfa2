/**
 * Importing a list kept elsewhere: Mailchimp's, Action Network's and listmonk's column names are
 * recognised; a row is confirmed only with its consent evidence (the source the admin names and
 * the row's date), else pending and not emailed until an admin sends confirmations in batches;
 * nobody on the list is downgraded; bad rows are reported by line; all or nothing. Admins only.
 * Real route handlers, real PostgreSQL.
 */
import type { Payload } from 'payload'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { apiClient, signIn } from './helpers/api'
import { createConfirmedSubscriber, minimalSettings } from './helpers/fixtures'
import { startTestPayload } from './helpers/testPayload'

let payload: Payload
let api: ReturnType<typeof apiClient>
const tokens: Record<string, string | undefined> = {}
const SOURCE = 'Mailchimp list “Get the Wire”, double opt-in form, 2019–2026'

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  for (const role of ['admin', 'editor', 'writer'] as const) tokens[role] = (await signIn(payload, role)).token
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { ...minimalSettings, newsletter: { ...minimalSettings.newsletter, consentText: 'Yes, send me Get the Wire.', consentVersion: '2026-03' } },
  })
})

beforeEach(async () => {
  await payload.db.pool.query('DELETE FROM subscribers')
})

const MAILCHIMP = [
  'Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LEID,TAGS',
  'ruth@reader.example,Ruth,Levi,2,2021-03-01 09:00:00,10.0.0.1,2021-03-01 09:05:00,10.0.0.1,1,',
  'sam@reader.example,Sam,,2,,,,,2,',
  'not-an-address,Bad,Row,2,,,2021-03-01 09:05:00,,3,',
  'eve@reader.example,=HYPERLINK("x"),Eve,2,,,2021-03-01 09:05:00,,4,',
  'RUTH@Reader.example,Ruthie,,2,,,2022-01-01 00:00:00,,5,',
  'noa@reader.example,נועה,Kohn,2,,,2021-04-01 12:00:00,,6,',
].join('\n')

/** The file as the admin's browser uploads it. */
function upload(csv: string, source?: string) {
  const form = new FormData()
  form.append('file', new File([csv], 'members.csv', { type: 'text/csv' }))
  if (source !== undefined) form.append('source', source)
  return form
}
const preview = (csv: string, token = tokens.admin) => api.request('POST', '/api/subscribers/import/preview', { token, body: upload(csv) })
const runImport = (csv: string, source = SOURCE, token = tokens.admin) => api.request('POST', '/api/subscribers/import', { token, body: upload(csv, source) })

const subscriber = async (email: string) =>
  (await payload.db.pool.query(`SELECT * FROM subscribers WHERE email_key = $1`, [email.toLowerCase()])).rows[0] as Record<string, unknown> | undefined
const outboxSize = async () => Number((await payload.db.pool.query('SELECT count(*) FROM newsletter_outbox')).rows[0].count)

describe('importing a list', () => {
  it("reads Mailchimp's export: what it recognised, what will happen, which rows are left out and why", async () => {
    const response = await preview(MAILCHIMP)
    expect(response.status).toBe(200)
    expect(response.body.columns).toEqual({ email: 'Email Address', firstName: 'First Name', lastName: 'Last Name', consentedAt: 'CONFIRM_TIME' })
    expect(response.body.ignored).toEqual(['MEMBER_RATING', 'OPTIN_TIME', 'OPTIN_IP', 'CONFIRM_IP', 'LEID', 'TAGS'])
    expect(response.body.rows).toBe(3)
    expect(response.body.duplicates).toBe(1)
    expect(response.body.badRows).toEqual([
      { line: 4, reason: 'Enter an email address like name@example.org.' },
      { line: 5, reason: 'First name cannot start with =, +, - or @.' },
    ])
    expect(response.body.counts).toEqual({
      added: { confirmed: 2, pending: 1, unsubscribed: 0 },
      alreadyOnList: { confirmed: 0, unsubscribed: 0, unchanged: 0 },
    })
    expect(await payload.count({ collection: 'subscribers' })).toMatchObject({ totalDocs: 0 })
  })

  it('imports with the consent record the admin names, confirms only rows with a date of consent, and emails nobody', async () => {
    const response = await runImport(MAILCHIMP)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.message).toMatch(/^members\.csv is imported\. Added 2 confirmed, 1 pending \(not emailed\) and 0 unsubscribed\./)
    expect(await subscriber('ruth@reader.example')).toMatchObject({
      email: 'ruth@reader.example',
      first_name: 'Ruth',
      last_name: 'Levi',
      status: 'confirmed',
      consent_text: `Consent given as recorded in: ${SOURCE}`,
      consent_version: 'import',
      source_page: 'Imported from members.csv',
      imported_from: SOURCE,
    })
    // The first row of an address wins among equals: its date of consent is the file's.
    expect(((await subscriber('ruth@reader.example'))!.consented_at as Date).toISOString()).toBe('2021-03-01T09:05:00.000Z')
    expect(((await subscriber('ruth@reader.example'))!.confirmed_at as Date).toISOString()).toBe('2021-03-01T09:05:00.000Z')
    expect(await subscriber('noa@reader.example')).toMatchObject({ first_name: 'נועה', status: 'confirmed' })
    expect(await subscriber('sam@reader.example')).toMatchObject({ status: 'pending', consent_text: null, consented_at: null, imported_from: SOURCE })
    expect(await subscriber('not-an-address')).toBeUndefined()
    expect(await subscriber('eve@reader.example')).toBeUndefined()
    expect(await outboxSize()).toBe(0)
    const log = await payload.find({ collection: 'subscriber-imports', sort: '-createdAt', limit: 1, depth: 0 })
    expect(log.docs[0]).toMatchObject({ fileName: 'members.csv', source: SOURCE })
    expect(log.docs[0]!.summary).toContain('Rows left out: 2; repeated addresses merged: 1.')
  })

  it('never downgrades anyone on the list, and keeps their details, adding only what they lacked', async () => {
    await createConfirmedSubscriber(payload, { email: 'kept@reader.example', firstName: 'Kept' })
    const gone = await createConfirmedSubscriber(payload, { email: 'gone@reader.example' })
    await api.request('PATCH', `/api/subscribers/${gone.id}`, { token: tokens.admin, body: { status: 'unsubscribed' } })
    await payload.create({ collection: 'subscribers', data: { email: 'waiting@reader.example', status: 'pending' } })
    await payload.create({ collection: 'subscribers', data: { email: 'stopping@reader.example', status: 'pending' } })
    const csv = [
      'email,first_name,last_name,zip_code,can2_subscription_status,created_at',
      'kept@reader.example,Other,Name,10025,unsubscribed,',
      'gone@reader.example,Back,Again,,subscribed,2024-05-01T10:00:00Z',
      'waiting@reader.example,Wait,Ing,94110,subscribed,2024-05-02T10:00:00Z',
      'stopping@reader.example,,,,unsubscribed,',
    ].join('\n')
    const checked = await preview(csv)
    expect(checked.body.columns).toMatchObject({ email: 'email', postalCode: 'zip_code', status: 'can2_subscription_status', consentedAt: 'created_at' })
    expect(checked.body.counts).toEqual({
      added: { confirmed: 0, pending: 0, unsubscribed: 0 },
      alreadyOnList: { confirmed: 1, unsubscribed: 1, unchanged: 2 },
    })
    expect((await runImport(csv)).status).toBe(200)
    expect(await subscriber('kept@reader.example')).toMatchObject({ status: 'confirmed', first_name: 'Kept', last_name: 'Name', postal_code: '10025' })
    expect(await subscriber('gone@reader.example')).toMatchObject({ status: 'unsubscribed', first_name: 'Back' })
    expect(await subscriber('waiting@reader.example')).toMatchObject({ status: 'confirmed', consent_version: 'import', postal_code: '94110' })
    expect(await subscriber('stopping@reader.example')).toMatchObject({ status: 'unsubscribed', unsubscribed_via: 'import' })
  })

  it("reads listmonk's export: one name column, and its blocklisted people as unsubscribed", async () => {
    const csv = [
      'uuid,email,name,attributes,status,created_at,updated_at',
      'a1,dana@reader.example,Dana Bat Ami,{},enabled,2023-02-01 10:00:00,2023-02-01 10:00:00',
      'a2,blocked@reader.example,Blocked Person,{},blocklisted,2023-02-01 10:00:00,2023-02-01 10:00:00',
    ].join('\n')
    expect((await runImport(csv)).status).toBe(200)
    expect(await subscriber('dana@reader.example')).toMatchObject({ first_name: 'Dana', last_name: 'Bat Ami', status: 'confirmed' })
    expect(await subscriber('blocked@reader.example')).toMatchObject({ status: 'unsubscribed', unsubscribed_via: 'import' })
  })

  it('imports nothing at all when any part of the import fails', async () => {
    await payload.db.pool.query(`
      CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.email_key = 'boom@reader.example' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_boom BEFORE INSERT ON subscribers FOR EACH ROW EXECUTE FUNCTION refuse_boom();`)
    try {
      const csv = ['email,optin_time', 'first@reader.example,2021-01-01 00:00:00', 'boom@reader.example,2021-01-01 00:00:00', 'last@reader.example,'].join('\n')
      expect((await runImport(csv)).status).toBe(500)
      expect(await payload.count({ collection: 'subscribers' })).toMatchObject({ totalDocs: 0 })
    } finally {
      await payload.db.pool.query('DROP TRIGGER refuse_boom ON subscribers; DROP FUNCTION refuse_boom();')
    }
  })

  it('says what is wrong with a file or a missing source, on the field, and changes nothing', async () => {
    const noEmail = await preview('name,zip\nRuth,10025\n')
    expect(noEmail.status).toBe(400)
    expect(
      (await api.request('POST', '/api/subscribers/import/preview', { token: tokens.admin, body: { csv: 'email\nx@reader.example' } })).body.errors[0],
    ).toEqual({
      field: 'file',
      message: 'Choose a CSV file to import.',
    })
    expect(noEmail.body.errors[0]).toEqual({
      field: 'file',
      message: 'No column of email addresses: name it "email" or "Email Address" (the columns are: name, zip).',
    })
    expect((await preview('')).body.errors[0]).toMatchObject({ field: 'file', message: 'The file is empty.' })
    expect((await preview('email\n"unclosed\n')).body.errors[0]).toMatchObject({
      field: 'file',
      message: expect.stringMatching(/^The file is not a CSV file that can be read/),
    })
    const noSource = await runImport(MAILCHIMP, '  ')
    expect(noSource.status).toBe(400)
    expect(noSource.body.errors[0]).toMatchObject({ field: 'source', message: expect.stringMatching(/^Say where these people gave their consent/) })
    const onlyBad = await runImport('email\nnot-an-address\n')
    expect(onlyBad.body.errors[0]).toMatchObject({ field: 'file', message: 'No row of the file can be imported: see the rows left out.' })
    expect(await payload.count({ collection: 'subscribers' })).toMatchObject({ totalDocs: 0 })
  })

  it('emails imported pending people only when an admin sends confirmations, a batch at a time', async () => {
    await runImport(['email,first_name', 'p1@reader.example,One', 'p2@reader.example,Two', 'p3@reader.example,Three'].join('\n'))
    await payload.create({ collection: 'subscribers', data: { email: 'signed-up@reader.example', status: 'pending' } })
    expect(await outboxSize()).toBe(0)
    const first = await api.request('POST', '/api/subscribers/import/send-confirmations', { token: tokens.admin, body: { limit: 2 } })
    expect(first.body).toMatchObject({ queued: 2, waiting: 1 })
    const second = await api.request('POST', '/api/subscribers/import/send-confirmations', { token: tokens.admin, body: { limit: 2 } })
    expect(second.body).toMatchObject({ queued: 1, waiting: 0 })
    expect((await api.request('POST', '/api/subscribers/import/send-confirmations', { token: tokens.admin, body: {} })).body).toMatchObject({
      queued: 0,
      waiting: 0,
    })
    const { rows } = await payload.db.pool.query(
      `SELECT s.email, g.consent_text, g.consent_version, g.first_name FROM newsletter_outbox o
       JOIN newsletter_signups g ON g.id = o.signup_id JOIN subscribers s ON s.id = o.subscriber_id ORDER BY s.email`,
    )
    expect(rows).toEqual([
      { email: 'p1@reader.example', consent_text: 'Yes, send me Get the Wire.', consent_version: '2026-03', first_name: 'One' },
      { email: 'p2@reader.example', consent_text: 'Yes, send me Get the Wire.', consent_version: '2026-03', first_name: 'Two' },
      { email: 'p3@reader.example', consent_text: 'Yes, send me Get the Wire.', consent_version: '2026-03', first_name: 'Three' },
    ])
    expect((await api.request('POST', '/api/subscribers/import/send-confirmations', { token: tokens.admin, body: { limit: 0 } })).status).toBe(400)
  })

  it.each(['public', 'writer', 'editor'])('is refused to %s on every route, and reveals nothing', async (who) => {
    await createConfirmedSubscriber(payload, { email: 'ruth@reader.example' })
    for (const [path, body] of [
      ['/api/subscribers/import/preview', upload(MAILCHIMP)],
      ['/api/subscribers/import', upload(MAILCHIMP, SOURCE)],
      ['/api/subscribers/import/send-confirmations', {}],
    ] as const) {
      const response = await api.request('POST', path, { token: tokens[who], body })
      expect(response.status, path).toBe(403)
      expect(JSON.stringify(response.body)).not.toContain('alreadyOnList')
    }
    expect((await api.request('GET', '/api/subscriber-imports', { token: tokens[who] })).status).toBe(403)
    expect(await payload.count({ collection: 'subscribers' })).toMatchObject({ totalDocs: 1 })
  })
})
