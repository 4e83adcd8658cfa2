/**
 * A build that cannot get good content from the CMS fails loudly, naming the CMS and what it was
 * loading, and leaves no half-built site behind.
 */
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, expect, inject, it } from 'vitest'

import { freePort } from 'cms/testing'

import { buildSite, newBuildDir } from '../setup/builtSite'
import { startCmsProxy } from './cmsProxy'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function failingBuild(cmsUrl: string) {
  const outDir = newBuildDir()
  dirs.push(outDir)
  const result = await buildSite(outDir, cmsUrl)
  return { ...result, produced: existsSync(path.join(outDir, 'client', 'index.html')) }
}

it('fails when the CMS is unreachable, naming its URL and the collection', async () => {
  const cmsUrl = `http://127.0.0.1:${await freePort()}`
  const { code, output, produced } = await failingBuild(cmsUrl)
  expect(code).not.toBe(0)
  expect(output).toContain(`Could not reach the CMS at ${cmsUrl}`)
  expect(output).toMatch(/to load (the "\w[\w-]*" global|"[\w-]+")/)
  expect(produced).toBe(false)
})

it('fails when the CMS answers with invalid content, naming the document', async () => {
  // A proxy in front of the real CMS that corrupts one value's title.
  const proxy = await startCmsProxy(inject('cmsUrl'), (path, body) => {
    if (!path.startsWith('/api/values')) return undefined
    const data = body as { docs: { title: unknown }[] }
    data.docs[0]!.title = 42
    return data
  })
  try {
    const { code, output, produced } = await failingBuild(proxy.url)
    expect(code).not.toBe(0)
    expect(output).toContain(`The CMS at ${proxy.url} sent invalid content in "values"`)
    expect(output).toMatch(/title/)
    expect(produced).toBe(false)
  } finally {
    proxy.close()
  }
})
