/**
 * Publishing: a change to published content queues a site build in the same transaction; the
 * builder builds into a fresh folder and swaps `live` to it atomically; a failed build leaves
 * the live site byte for byte as it was; bursts coalesce; rollback restores an earlier build.
 * Real `astro build`s against a real CMS server on the test database.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { freePort } from '../src/db/freePort'
import { siteStatus } from '../src/desk/loadDesk'
import { requestSiteBuildNow } from '../src/publishing/requestSiteBuild'
import { seedContent } from '../src/seed/seed'
import { apiClient, signIn } from './helpers/api'
import type { CmsServer } from './helpers/cmsServer'
import { serveLiveSite, settledBuilds, siteBuildsForTests } from './helpers/siteBuilds'
import { startTestPayload } from './helpers/testPayload'

const site = siteBuildsForTests('publishing')
const { buildsDir } = site

let payload: Payload
let cms: CmsServer
let api: ReturnType<typeof apiClient>

type Build = { id: number; status: string; logTail?: string; pagesBuilt?: number; reason?: string }
const builds = async () => (await payload.find({ collection: 'site-builds', sort: 'id', limit: 0, pagination: false, depth: 0 })).docs as Build[]

const settled = () => settledBuilds(payload)

const liveTarget = () => readlinkSync(path.join(buildsDir, 'live'))
const livePage = (route: string) => readFileSync(path.join(buildsDir, 'live', 'client', route, 'index.html'), 'utf8')

function treeHash(dir: string): string {
  const hash = createHash('sha256')
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, file)
    try {
      hash.update(file).update(readFileSync(full))
    } catch {
      hash.update(file) // a folder
    }
  }
  return hash.digest('hex')
}

async function publishValueTitle(title: string) {
  const [value] = (await payload.find({ collection: 'values', sort: '_order', limit: 1 })).docs
  await payload.update({ collection: 'values', id: value!.id, data: { title, _status: 'published' } })
}

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  await seedContent(payload)
  await signIn(payload, 'admin') // the first account is always an admin; the roles below are real
  cms = await site.startCms(started.databaseUrl)
}, 300_000)

describe('publishing', () => {
  it('builds and swaps the site live after a published change, and not after a draft save', async () => {
    await publishValueTitle('Accountability to Palestinian Partners, first edit')
    const [first] = await settled()
    expect(first).toMatchObject({ status: 'live' })
    const [value] = (await payload.find({ collection: 'values', sort: '_order', limit: 1 })).docs
    expect(first!.changedPath).toBe(`http://localhost:4321/values#${value!.slug}`)
    expect(first!.pagesBuilt).toBeGreaterThanOrEqual(6)
    expect(liveTarget()).toBe(String(first!.id))
    expect(livePage('values')).toContain('Accountability to Palestinian Partners, first edit')

    await payload.update({ collection: 'values', id: value!.id, draft: true, data: { title: 'Only a draft', _status: 'draft' } })
    expect(await builds()).toHaveLength(1)
  }, 180_000)

  it('runs the builder with only what a build needs: no database address and no secret of the CMS', async () => {
    // The warm builder this process started for the build above (jobs run here in this test).
    const builders = readdirSync('/proc').filter((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8')
        return new RegExp(`^PPid:\\s+${process.pid}$`, 'm').test(status) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('builder/main.ts')
      } catch {
        return false
      }
    })
    expect(builders).toHaveLength(1)
    const environ = readFileSync(`/proc/${builders[0]}/environ`, 'utf8').split('\0')
    const names = environ.map((entry) => entry.split('=')[0])
    expect(process.env.DATABASE_URL ?? process.env.PAYLOAD_SECRET).toBeDefined()
    for (const secret of ['DATABASE_URL', 'PAYLOAD_SECRET', 'NEWSLETTER_SITE_TOKEN', 'SMTP_URL', 'S3_SECRET_ACCESS_KEY']) expect(names).not.toContain(secret)
    expect(names).toContain('PATH')
  })

  it('keeps the live site byte-identical when a build fails, shows why, and recovers', async () => {
    const before = treeHash(path.join(buildsDir, 'live'))
    const liveBefore = liveTarget()
    process.env.SITE_BUILD_CMS_URL = `http://127.0.0.1:${await freePort()}`
    await publishValueTitle('An edit the builder cannot fetch')
    const failed = (await settled()).at(-1)!
    expect(failed.status).toBe('failed')
    expect(failed.logTail).toMatch(/Could not reach the CMS/)
    expect(liveTarget()).toBe(liveBefore)
    expect(treeHash(path.join(buildsDir, 'live'))).toBe(before)

    process.env.SITE_BUILD_CMS_URL = cms.url
    await requestSiteBuildNow(payload, { reason: 'Rebuild after the CMS came back' })
    const recovered = (await settled()).at(-1)!
    expect(recovered.status).toBe('live')
    expect(livePage('values')).toContain('An edit the builder cannot fetch')
  }, 240_000)

  it('coalesces a burst of 20 edits into at most 2 builds, ending with the last edit', async () => {
    const countBefore = (await builds()).length
    for (let i = 1; i <= 20; i++) await publishValueTitle(`Burst edit ${i}`)
    const all = await settled()
    expect(all.length - countBefore).toBeGreaterThanOrEqual(1)
    expect(all.length - countBefore).toBeLessThanOrEqual(2)
    expect(livePage('values')).toContain('Burst edit 20')
    // A build that edits joined says what it carries, down to the last one.
    expect(all.at(-1)!.reason).toMatch(/Core value “Burst edit 20” edited$/)
    expect(all.slice(countBefore).some((build) => /edited; Core value “Burst edit \d+” edited/.test(build.reason ?? ''))).toBe(true)
  }, 240_000)

  it('rolls back to an earlier build in one step, for editors only', async () => {
    const all = await builds()
    const previous = all.filter((b) => b.status === 'previous').at(-1)!
    const expected = treeHash(path.join(buildsDir, String(previous.id)))
    const writer = await signIn(payload, 'writer')
    const refused = await api.request('POST', `/api/site-builds/${previous.id}/rollback`, { token: writer.token })
    expect(refused.status).toBe(403)
    expect((await api.request('GET', `/api/site-builds/${previous.id}/rollback`, { token: writer.token })).status).toBe(403)
    const editor = await signIn(payload, 'editor')
    // What the admin asks before: the two builds' content compared, here one value's earlier title.
    const question = await api.request('GET', `/api/site-builds/${previous.id}/rollback`, { token: editor.token })
    expect(question.status).toBe(200)
    expect(question.body.changes).toEqual({
      disappear: [],
      revert: [expect.stringMatching(/^Core value “(Burst edit \d+|An edit the builder cannot fetch)”$/)],
      reappear: [],
    })
    expect(liveTarget()).not.toBe(String(previous.id))
    const response = await api.request('POST', `/api/site-builds/${previous.id}/rollback`, { token: editor.token })
    expect(response.status).toBe(200)
    const rolledBack = await payload.findByID({ collection: 'site-builds', id: previous.id, depth: 0 })
    expect(rolledBack.rolledBackBy).toBe(editor.user.id)
    expect(Date.now() - new Date(rolledBack.rolledBackAt!).getTime()).toBeLessThan(60_000)
    expect((await siteStatus(payload))!.live).toMatchObject({ id: previous.id, rolledBack: { by: editor.user.name ?? null } })
    expect(liveTarget()).toBe(String(previous.id))
    expect(treeHash(path.join(buildsDir, 'live'))).toBe(expected)
    const statuses = Object.fromEntries((await builds()).map((b) => [b.id, b.status]))
    expect(Object.values(statuses).filter((s) => s === 'live')).toHaveLength(1)
    expect(statuses[previous.id]).toBe('live')
  })

  it('serves each request from whichever build is live, without a restart', async () => {
    const server = await serveLiveSite(buildsDir)
    try {
      const url = `${server.url}/values`
      const before = await (await fetch(url)).text()
      expect(before).not.toContain('Served without a restart')
      await publishValueTitle('Served without a restart')
      await settled()
      expect(await (await fetch(url)).text()).toContain('Served without a restart')
    } finally {
      server.stop()
    }
  }, 180_000)
})
