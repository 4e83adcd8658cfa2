/**
 * Global setup for the site tests: a throwaway CMS (fresh embedded PostgreSQL, migrated and
 * seeded with the organization's copy, served by `next dev`), a little extra content through its
 * REST API (a report with every block, and drafts that must stay off the site), then a real
 * `astro build` of the site against it. Tests read the built files or serve them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import type { TestProject } from 'vitest/node'

import { freePort, mailCatcher, waitUntilAnswering } from 'cms/testing'

import { addTestContent, signIn } from './testContent'

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string
    siteUrl: string
    cmsUrl: string
    /** The admin's token, signed in once for every test (see signIn). */
    adminToken: string
    /** Where the test SMTP server drops every email the CMS sends, one .eml file each. */
    mailDir: string
  }
}

export const ADMIN = { email: 'admin@site.example', password: 'site-test-admin-password' }
/** Confirmation links expire quickly here, so a test can watch one expire. */
export const CONFIRM_TTL_SECONDS = 20

export const webDir = path.resolve(import.meta.dirname, '../..')
export const SITE_URL = 'https://site.example'

/**
 * Runs a command to completion, returning its exit code and everything it printed, colours
 * removed (tools colour their output when CI is set, and tests read it).
 */
export function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: webDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code: code ?? 1, output: stripVTControlCharacters(output) }))
  })
}

/** A fresh output folder inside web/ (the server bundle resolves its packages from there). */
export function newBuildDir(): string {
  const parent = path.join(webDir, '.test-builds')
  mkdirSync(parent, { recursive: true })
  return mkdtempSync(path.join(parent, 'build-'))
}

export const buildSite = (outDir: string, cmsUrl: string, env: Record<string, string> = {}) =>
  run('pnpm', ['exec', 'astro', 'build', '--outDir', outDir], { CMS_URL: cmsUrl, SITE_URL, ASTRO_TELEMETRY_DISABLED: '1', ...env })

async function startThrowawayCms(smtpUrl: string): Promise<{ url: string; process: ChildProcess; exited: Promise<void> }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const cms = spawn('pnpm', ['--filter', 'cms', 'throwaway'], {
    cwd: webDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      CMS_URL: url,
      SITE_URL,
      NEXT_DIST_DIR: '.next-site-test',
      // Runs the job runner too: it sends the confirmation emails.
      PAYLOAD_JOBS_AUTORUN: 'true',
      SEED_ADMIN_EMAIL: ADMIN.email,
      SEED_ADMIN_PASSWORD: ADMIN.password,
      SMTP_URL: smtpUrl,
      // Uploads of its own: file names then come out as given (Payload numbers a name already taken).
      MEDIA_DIR: mkdtempSync(path.join(tmpdir(), 'site-test-media-')),
      NEWSLETTER_CONFIRM_TTL_HOURS: String(CONFIRM_TTL_SECONDS / 3600),
      NEWSLETTER_RESEND_AFTER_MINUTES: '0',
    },
  })
  let output = ''
  cms.stdout!.on('data', (chunk) => (output += chunk))
  cms.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => cms.on('exit', () => resolve()))
  await waitUntilAnswering(`${url}/api/users/me`, {
    what: 'The throwaway CMS',
    timeoutMs: 240_000,
    intervalMs: 500,
    exited: () => cms.exitCode !== null,
    details: () => output,
  })
  return { url, process: cms, exited }
}

/** A real SMTP server on loopback that keeps every message as a file. */
async function startMailCatcher(): Promise<{ url: string; dir: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'site-test-mail-'))
  let count = 0
  const server = mailCatcher((_mail, raw) => writeFileSync(path.join(dir, `${String(++count).padStart(4, '0')}.eml`), raw))
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `smtp://127.0.0.1:${port}`, dir, stop: () => new Promise((resolve) => server.close(() => resolve())) }
}

export default async function setup(project: TestProject) {
  // The production site server, bundled as `pnpm build` does (tests/site/serveBuild.ts runs it).
  const bundled = await run(process.execPath, ['scripts/build-server.mjs'], {})
  if (bundled.code !== 0) throw new Error(`Bundling the site server failed:\n${bundled.output}`)
  const mail = await startMailCatcher()
  const cms = await startThrowawayCms(mail.url)
  const stopCms = () => {
    try {
      process.kill(-cms.process.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  const siteDir = newBuildDir()
  let adminToken: string
  try {
    adminToken = await signIn(cms.url, ADMIN)
    await addTestContent(cms.url, adminToken)
    const build = await buildSite(siteDir, cms.url)
    if (build.code !== 0) throw new Error(`astro build failed:\n${build.output}`)
  } catch (error) {
    stopCms()
    throw error
  }
  project.provide('siteDir', siteDir)
  project.provide('siteUrl', SITE_URL)
  project.provide('cmsUrl', cms.url)
  project.provide('adminToken', adminToken)
  project.provide('mailDir', mail.dir)
  return async () => {
    stopCms()
    await Promise.race([cms.exited, new Promise((resolve) => setTimeout(resolve, 8_000))])
    cms.process.stdout?.destroy()
    cms.process.stderr?.destroy()
    cms.process.unref()
    rmSync(siteDir, { recursive: true, force: true })
    await mail.stop()
    rmSync(mail.dir, { recursive: true, force: true })
  }
}
