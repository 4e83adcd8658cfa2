/**
 * A build that cannot get good content from the CMS fails loudly, naming the CMS and what it was
 * loading, and leaves no half-built site behind.
 */
import { existsSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { afterAll, expect, inject, it } from 'vitest'

import { buildSite, freePort, newBuildDir } from '../setup/builtSite'

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
  const realCms = inject('cmsUrl')
  const proxy: Server = createServer(async (request, response) => {
    const upstream = await fetch(`${realCms}${request.url}`)
    let body = await upstream.text()
    if (request.url?.startsWith('/api/values')) {
      const data = JSON.parse(body) as { docs: { title: unknown }[] }
      data.docs[0]!.title = 42
      body = JSON.stringify(data)
    }
    response.writeHead(upstream.status, { 'Content-Type': 'application/json' })
    response.end(body)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve))
  try {
    const cmsUrl = `http://127.0.0.1:${port}`
    const { code, output, produced } = await failingBuild(cmsUrl)
    expect(code).not.toBe(0)
    expect(output).toContain(`The CMS at ${cmsUrl} sent invalid content in "values"`)
    expect(output).toMatch(/title/)
    expect(produced).toBe(false)
  } finally {
    proxy.close()
  }
})
