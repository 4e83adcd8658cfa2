import { REST_GET } from '@payloadcms/next/routes'
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Payload, SanitizedConfig } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { s3Settings } from '../src/config/media'
import { signIn } from './helpers/api'
import { startTestPayload } from './helpers/testPayload'

/** The smallest S3-compatible endpoint the adapter needs: path-style PUT, GET, HEAD, DELETE. */
function fakeS3() {
  const objects = new Map<string, { body: Buffer; type: string }>()
  const requests: string[] = []
  const read = async (request: IncomingMessage) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }
  const server = createServer(async (request, response) => {
    const key = decodeURIComponent(new URL(request.url!, 'http://s3').pathname)
    requests.push(`${request.method} ${key} ${request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=test-key/') ? 'signed' : 'unsigned'}`)
    const body = await read(request)
    const object = objects.get(key)
    if (request.method === 'PUT') {
      objects.set(key, { body, type: request.headers['content-type'] ?? 'application/octet-stream' })
      response.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"` }).end()
    } else if (request.method === 'DELETE') {
      objects.delete(key)
      response.writeHead(204).end()
    } else if (!object) {
      response.writeHead(404, { 'Content-Type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>')
    } else {
      response.writeHead(200, { 'Content-Type': object.type, 'Content-Length': object.body.length, ETag: '"x"' })
      response.end(request.method === 'HEAD' ? undefined : object.body)
    }
  })
  return { server, objects, requests }
}

let payload: Payload
let config: SanitizedConfig
let s3: ReturnType<typeof fakeS3>

beforeAll(async () => {
  s3 = fakeS3()
  await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve))
  Object.assign(process.env, {
    S3_BUCKET: 'site-media',
    S3_ENDPOINT: `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`,
    S3_REGION: 'eu-central-1',
    S3_ACCESS_KEY_ID: 'test-key',
    S3_SECRET_ACCESS_KEY: 'test-secret',
  })
  ;({ payload, config } = await startTestPayload())
})

afterAll(async () => {
  await new Promise((resolve) => (s3.server as Server).close(resolve))
})

describe('media storage with S3_* settings', () => {
  it('stores uploads (and their resized copies) in the bucket, not on local disk, and serves them back', async () => {
    const image = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#16a34a' } })
      .png()
      .toBuffer()
    const doc = await payload.create({
      collection: 'media',
      data: { alt: 'A green field' },
      file: { data: image, mimetype: 'image/png', name: 'field.png', size: image.length },
    })

    expect([...s3.objects.keys()].sort()).toEqual(['/site-media/field-400x300.png', '/site-media/field.png'])
    expect(s3.objects.get('/site-media/field.png')!.body.equals(image)).toBe(true)
    expect(s3.requests.filter((line) => line.startsWith('PUT')).every((line) => line.endsWith(' signed'))).toBe(true)
    expect(await readdir(process.env.MEDIA_DIR!)).toEqual([])

    // A file no published content uses is served to staff only (security.media.int.test.ts).
    const { token } = await signIn(payload, 'admin')
    const url = new URL(doc.url!, 'http://localhost:3000')
    const response = await REST_GET(config)(new Request(url, { headers: { Authorization: `JWT ${token}` } }), {
      params: Promise.resolve({ slug: url.pathname.split('/').slice(2) }),
    })
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true)

    await payload.delete({ collection: 'media', id: doc.id })
    expect(s3.objects.size).toBe(0)
  })
})

describe('S3 settings', () => {
  const withEnv = (env: Record<string, string>) => {
    vi.unstubAllEnvs()
    for (const name of Object.keys(process.env).filter((name) => name.startsWith('S3_'))) vi.stubEnv(name, '')
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
    try {
      return s3Settings()
    } finally {
      vi.unstubAllEnvs()
    }
  }

  it('keep media local when no S3_* setting is given', () => {
    expect(withEnv({})).toBeUndefined()
  })

  it('use path-style addressing for S3-compatible endpoints and AWS defaults otherwise', () => {
    expect(withEnv({ S3_BUCKET: 'b', S3_ENDPOINT: 'https://minio.example.org' })).toMatchObject({
      bucket: 'b',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: undefined,
    })
    expect(withEnv({ S3_BUCKET: 'b', S3_REGION: 'eu-west-1' })).toMatchObject({ region: 'eu-west-1', forcePathStyle: false, endpoint: undefined })
  })

  it('refuse half-given settings with a message naming what is missing', () => {
    expect(() => withEnv({ S3_ENDPOINT: 'https://minio.example.org', S3_REGION: 'x' })).toThrow('S3_ENDPOINT, S3_REGION set but S3_BUCKET is not')
    expect(() => withEnv({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together')
    expect(() => withEnv({ S3_BUCKET: 'b', S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT must be a URL')
  })
})
