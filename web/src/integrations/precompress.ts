import { createHash } from 'node:crypto'
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

import type { AstroIntegration } from 'astro'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(html|css|js|mjs|json|xml|svg|txt|webmanifest)$/
/** Compressed copies not used by a build for this long are deleted from the cache. */
const CACHE_DAYS = 2

/**
 * Files from this size on get brotli at quality 9 rather than 11. Quality 11 compresses under
 * 1 MB a second on this kind of machine: a long FAQ page (1.6 MB with 1,000 entries) took 2.0 s,
 * all of it added to publishing an entry, where quality 9 took 0.13 s for a copy 9% bigger. A page
 * below this size takes at most about 0.17 s at 11. The quality depends on the size only, so
 * every build of the same file makes the same copy.
 */
export const LARGE_FILE_BYTES = 128 * 1024
const brotliQuality = (bytes: number) => (bytes < LARGE_FILE_BYTES ? constants.BROTLI_MAX_QUALITY : 9)

async function compressed(content: Buffer): Promise<[Buffer, Buffer]> {
  return Promise.all([
    brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality(content.length), [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ])
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file under `root`, at the
 * highest levels (brotli's a little lower for large files: brotliQuality). Copies are kept in
 * `cacheDir` by content, so a rebuild compresses only the files that changed (brotli at its
 * highest level is slow); copies no build has used for CACHE_DAYS are deleted. Returns how many
 * files it compressed, and how many of them afresh.
 */
export async function precompressDir(root: string, cacheDir: string): Promise<{ files: number; fresh: number }> {
  await mkdir(cacheDir, { recursive: true })
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
  const used = new Set<string>()
  let fresh = 0
  await Promise.all(
    files.map(async (file) => {
      const content = await readFile(file)
      // Keyed by the brotli quality too: a copy made at another quality is not this build's.
      const cached = path.join(cacheDir, `${createHash('sha256').update(content).digest('hex')}-q${brotliQuality(content.length)}`)
      used.add(path.basename(cached))
      const hit = await stat(`${cached}.br`).then(
        () => true,
        () => false,
      )
      if (!hit) {
        const [br, gz] = await compressed(content)
        await Promise.all([writeFile(`${cached}.gz`, gz), writeFile(`${cached}.br.tmp`, br)])
        // The .br last, under its name only when whole: its presence says the pair is there.
        await rename(`${cached}.br.tmp`, `${cached}.br`)
        fresh++
      } else {
        const now = new Date()
        await utimes(`${cached}.br`, now, now)
      }
      await Promise.all([copyFile(`${cached}.br`, `${file}.br`), copyFile(`${cached}.gz`, `${file}.gz`)])
    }),
  )
  const oldest = Date.now() - CACHE_DAYS * 86_400_000
  for (const name of await readdir(cacheDir)) {
    const key = name.replace(/\.(br|gz)$/, '')
    if (used.has(key) || !name.endsWith('.br')) continue
    if ((await stat(path.join(cacheDir, name))).mtimeMs < oldest) {
      await rm(path.join(cacheDir, name), { force: true })
      await rm(path.join(cacheDir, `${key}.gz`), { force: true })
    }
  }
  return { files: files.length, fresh }
}

/**
 * Precompresses the static site once at build time: the site server and nginx send the copies as
 * they are to browsers that accept them, and compress nothing per request. Copies are kept in
 * Astro's cache folder.
 */
export function precompress(): AstroIntegration {
  let cacheDir = ''
  return {
    name: 'precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), 'precompressed')
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { files, fresh } = await precompressDir(fileURLToPath(dir), cacheDir)
        logger.info(`${files} files precompressed (brotli, gzip), ${fresh} of them afresh`)
      },
    },
  }
}
