import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

import { publishingSettings } from './settings'

/** Prerendered routes (pages, feeds) of a build: rendered afresh, or reused from the previous build. */
export type RouteCounts = { rendered: number; reused: number }
export type BuilderResult = { ok: boolean; log: string; routes: RouteCounts }
/** The newest build made (by whichever builder), which the next may be rendered from. */
export type PreviousBuild = { build: number; dir: string }

/** `full`: a full build (Astro's build()), rather than a render with the last full build's code (web/builder/renderer.ts). */
type Answer = { build: number; full: boolean } & BuilderResult

/** A builder is started afresh after this many full builds: each leaves its modules in memory (renders do not). */
const FULL_BUILDS_PER_PROCESS = 25
/** A build that takes longer than this is stuck: its builder is stopped and the build fails. */
const BUILD_TIMEOUT_MS = 10 * 60_000

/**
 * What the site's build depends on, as file sizes and times: the site's code, its packages, and
 * the CMS's contract it imports. When this changes, the warm builder (which holds the old code
 * in memory) is replaced by a fresh one.
 */
function codeFingerprint(webDir: string): string {
  const repoDir = path.dirname(webDir)
  const hash = createHash('sha256')
  const add = (file: string) => {
    try {
      const { size, mtimeMs } = statSync(file)
      hash.update(`${file} ${size} ${mtimeMs}\n`)
    } catch {
      hash.update(`${file} -\n`)
    }
  }
  for (const dir of [path.join(webDir, 'src'), path.join(webDir, 'builder'), path.join(repoDir, 'cms', 'src', 'contract')]) {
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) add(path.join(dir, file))
  }
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) add(path.join(webDir, file))
  add(path.join(repoDir, 'pnpm-lock.yaml'))
  return hash.digest('hex')
}

type Running = { child: ChildProcess; fingerprint: string; fullBuilds: number; ready: Promise<void>; output: () => string }

/**
 * What the builder may have of the job runner's environment: what Node, Astro and their packages
 * need to run, and the site's public addresses. Each build is also handed its CMS and site address
 * (buildSite.ts). Nothing else: the builder runs the site's code and its packages, and has no use
 * for the database's address, PAYLOAD_SECRET, the SMTP or S3 credentials or the site server's token.
 */
const BUILDER_ENV = [
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'TZ',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'SITE_URL',
  // Astro's key for server islands: set, two builds of the same content are identical.
  'ASTRO_KEY',
  'CMS_PUBLIC_URL',
]

export const builderEnv = (from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(BUILDER_ENV.flatMap((name) => (from[name] === undefined ? [] : [[name, from[name]]]))),
  NODE_ENV: 'production',
})

function startBuilder(webDir: string, fingerprint: string): Running {
  // spawn with an IPC channel, as fork() would: Next.js's bundler reads fork()'s argument as a
  // module of the CMS's own and fails to find it.
  const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', path.join(webDir, 'builder', 'main.ts')], {
    cwd: webDir,
    env: builderEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  // What it prints outside builds (it keeps each build's own log): kept for the error message.
  let output = ''
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000))
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`The site builder stopped before it was ready (exit code ${code}):\n${output}`)))
  })
  ready.catch(() => {})
  return { child, fingerprint, fullBuilds: 0, ready, output: () => output }
}

/**
 * The job runner's warm site builder (web/builder/main.ts): one process kept between builds, so
 * that a publish costs a render of the pages, not a start of Node, Astro and Vite and a build as
 * well. It is replaced by a fresh one when the site's code or packages change, after
 * FULL_BUILDS_PER_PROCESS full builds, and after it failed to answer; a fresh builder's first
 * build is a full one.
 */
export function createSiteBuilder() {
  let running: Running | undefined

  function stop() {
    running?.child.kill('SIGKILL')
    running = undefined
  }

  async function build(buildId: number, outDir: string, env: Record<string, string>, from?: PreviousBuild): Promise<BuilderResult> {
    const { webDir } = publishingSettings()
    const fingerprint = codeFingerprint(webDir)
    if (!running || running.fingerprint !== fingerprint || running.fullBuilds >= FULL_BUILDS_PER_PROCESS || running.child.exitCode !== null) {
      stop()
      running = startBuilder(webDir, fingerprint)
    }
    const builder = running
    try {
      await builder.ready
      return await new Promise<BuilderResult>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`The build took longer than ${BUILD_TIMEOUT_MS / 60_000} minutes and was stopped.`)), BUILD_TIMEOUT_MS)
        const onExit = (code: number | null) => reject(new Error(`The site builder stopped during the build (exit code ${code}).`))
        builder.child.once('exit', onExit)
        builder.child.on('message', function answer(message: Answer) {
          if (message.build !== buildId) return
          clearTimeout(timer)
          builder.child.off('message', answer)
          builder.child.off('exit', onExit)
          if (message.full) builder.fullBuilds++
          resolve({ ok: message.ok, log: message.log, routes: message.routes })
        })
        builder.child.send({ build: buildId, outDir, env, from })
      })
    } catch (error) {
      if (builder === running) stop()
      const reason = error instanceof Error ? error.message : String(error)
      return { ok: false, log: `${builder.output()}\n${reason}`, routes: { rendered: 0, reused: 0 } }
    }
  }

  return { build, stop }
}

/** The builder of this process (the one job runner that builds: builds take a lock). */
export const siteBuilder = createSiteBuilder()
