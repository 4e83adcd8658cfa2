/**
 * The build's precompressed copies (src/integrations/precompress.ts): what each copy holds, which
 * brotli quality a file gets by its size, and that a rebuild takes unchanged files' copies from
 * the cache, byte for byte the same.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { LARGE_FILE_BYTES, precompressDir } from '../src/integrations/precompress'

let root: string
let cache: string

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'precompress-site-'))
  cache = mkdtempSync(path.join(tmpdir(), 'precompress-cache-'))
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  rmSync(cache, { recursive: true, force: true })
})

/** An HTML page of about `bytes` bytes of varied words (repeated text would compress the same at any quality). */
function page(bytes: number, seed: number): Buffer {
  const words = ['right', 'housing', 'tenant', 'report', 'council', 'vote', 'budget', 'school', 'water', 'justice', 'public', 'record']
  let state = seed
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31)
  const paragraphs: string[] = []
  let length = 0
  while (length < bytes) {
    const paragraph = `<p>${Array.from({ length: 40 }, () => `${words[next() % words.length]}${next() % 1000}`).join(' ')}</p>\n`
    paragraphs.push(paragraph)
    length += paragraph.length
  }
  return Buffer.from(`<!doctype html><html lang="en"><title>FAQ</title><main>${paragraphs.join('')}</main></html>`)
}

const brotliAt = (content: Buffer, quality: number) =>
  brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } })

describe('precompressDir', () => {
  it('writes a brotli and a gzip copy of each text file, at brotli’s highest quality below LARGE_FILE_BYTES and at 9 from there on', async () => {
    const small = page(LARGE_FILE_BYTES / 4, 1)
    const large = page(LARGE_FILE_BYTES * 2, 2)
    writeFileSync(path.join(root, 'index.html'), small)
    writeFileSync(path.join(root, 'faq.html'), large)
    writeFileSync(path.join(root, 'cover.webp'), Buffer.from('not text'))

    expect(await precompressDir(root, cache)).toEqual({ files: 2, fresh: 2 })

    for (const [name, content] of [
      ['index.html', small],
      ['faq.html', large],
    ] as const) {
      expect(brotliDecompressSync(readFileSync(path.join(root, `${name}.br`)))).toEqual(content)
      expect(gunzipSync(readFileSync(path.join(root, `${name}.gz`)))).toEqual(content)
    }
    expect(readFileSync(path.join(root, 'index.html.br'))).toEqual(brotliAt(small, 11))
    const largeCopy = readFileSync(path.join(root, 'faq.html.br'))
    expect(largeCopy).toEqual(brotliAt(large, 9))
    expect(largeCopy).not.toEqual(brotliAt(large, 11))
    expect(() => readFileSync(path.join(root, 'cover.webp.br'))).toThrow(/ENOENT/)
  })

  it('takes an unchanged file’s copies from the cache on the next build, the same bytes, and compresses only what changed', async () => {
    writeFileSync(path.join(root, 'index.html'), page(10_000, 3))
    writeFileSync(path.join(root, 'faq.html'), page(LARGE_FILE_BYTES, 4))
    await precompressDir(root, cache)
    const first = readFileSync(path.join(root, 'faq.html.br'))

    const next = mkdtempSync(path.join(tmpdir(), 'precompress-next-'))
    try {
      writeFileSync(path.join(next, 'index.html'), page(10_000, 5))
      writeFileSync(path.join(next, 'faq.html'), page(LARGE_FILE_BYTES, 4))

      expect(await precompressDir(next, cache)).toEqual({ files: 2, fresh: 1 })
      expect(readFileSync(path.join(next, 'faq.html.br'))).toEqual(first)
    } finally {
      rmSync(next, { recursive: true, force: true })
    }
  })
})
