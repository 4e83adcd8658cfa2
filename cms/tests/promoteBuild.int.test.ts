/**
 * Which build is live changes in one place (promoteBuild): a finishing build and an editor's
 * rollback at the same moment leave exactly one build live, and the `live` link on disk points
 * at it.
 */
import { mkdirSync, readlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { promoteBuild } from '../src/publishing/promoteBuild'
import { apiClient, signIn } from './helpers/api'
import { siteBuildsForTests } from './helpers/siteBuilds'
import { startTestPayload } from './helpers/testPayload'

const { buildsDir } = siteBuildsForTests('promote')

let payload: Payload
let api: ReturnType<typeof apiClient>
let editorToken: string
const builds: number[] = []

beforeAll(async () => {
  const started = await startTestPayload()
  payload = started.payload
  api = apiClient(started.config)
  editorToken = (await signIn(payload, 'editor')).token!
  // Four successful builds on disk, the last one live.
  for (const status of ['previous', 'previous', 'previous', 'live'] as const) {
    const build = await payload.create({ collection: 'site-builds', data: { status, reason: 'A build for the race' }, overrideAccess: true })
    mkdirSync(path.join(buildsDir, String(build.id), 'client'), { recursive: true })
    writeFileSync(path.join(buildsDir, String(build.id), 'client', 'index.html'), `<p>Build ${build.id}</p>`)
    builds.push(build.id)
  }
  await promoteBuild(payload, builds.at(-1)!)
})

async function liveBuilds() {
  const { docs } = await payload.find({ collection: 'site-builds', where: { status: { equals: 'live' } }, depth: 0, limit: 0, pagination: false })
  return docs.map((build) => build.id)
}

describe('making a build live', () => {
  it('leaves exactly one build live, the one the link points at, when a rollback races a finishing build', async () => {
    for (let round = 0; round < 30; round++) {
      const finishing = builds[round % builds.length]!
      const rolledBackTo = builds[(round + 1 + (round % 3)) % builds.length]!
      const [rollback] = await Promise.all([
        api.request('POST', `/api/site-builds/${rolledBackTo}/rollback`, { token: editorToken }),
        promoteBuild(payload, finishing, { pagesBuilt: round }),
      ])
      expect(rollback.status, JSON.stringify(rollback.body)).toBe(200)
      const live = await liveBuilds()
      expect(live, `round ${round}`).toHaveLength(1)
      expect(readlinkSync(path.join(buildsDir, 'live')), `round ${round}`).toBe(String(live[0]))
      expect([finishing, rolledBackTo]).toContain(live[0])
    }
  })

  it('records the finished build’s figures with it', async () => {
    await promoteBuild(payload, builds[0]!, { pagesBuilt: 42, routesRendered: 3, routesReused: 39 })
    expect(await payload.findByID({ collection: 'site-builds', id: builds[0]!, depth: 0 })).toMatchObject({
      status: 'live',
      pagesBuilt: 42,
      routesRendered: 3,
      routesReused: 39,
    })
    expect(await liveBuilds()).toEqual([builds[0]])
  })
})
