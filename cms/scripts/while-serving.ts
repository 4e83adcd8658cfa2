/**
 * Runs a command while the built CMS (`next start`) serves on PORT (default 3000), then stops it:
 *
 *   tsx scripts/while-serving.ts -- <command> [args...]
 *
 * Used to build the public site, which reads the CMS's REST API, from a production build.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'

const separator = process.argv.indexOf('--')
const [command, ...args] = separator === -1 ? process.argv.slice(2) : process.argv.slice(separator + 1)
if (!command) {
  console.error('usage: tsx scripts/while-serving.ts -- <command> [args...]')
  process.exit(2)
}

const port = process.env.PORT || '3000'
const cmsUrl = `http://127.0.0.1:${port}`
// A private server that only hands published content to the build: without a configured secret
// it gets a random one (no sessions outlive it), and it sends no email.
const env = {
  ...process.env,
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || randomBytes(32).toString('hex'),
  EMAIL_LOG_ONLY: process.env.EMAIL_LOG_ONLY || 'true',
}
const cms = spawn('pnpm', ['exec', 'next', 'start', '--port', port], { stdio: 'inherit', detached: true, env })
const stopCms = () => {
  try {
    process.kill(-cms.pid!, 'SIGTERM')
  } catch {
    // already gone
  }
}
process.on('exit', stopCms)

const deadline = Date.now() + 120_000
for (;;) {
  if (cms.exitCode !== null) throw new Error('The CMS exited before it answered')
  if (Date.now() > deadline) throw new Error(`The CMS did not answer at ${cmsUrl} within 120 s`)
  const status = await fetch(`${cmsUrl}/api/users/me`).then(
    (r) => r.status,
    () => 0,
  )
  if (status >= 200 && status < 300) break
  if (status >= 500) throw new Error(`The CMS at ${cmsUrl} is failing (HTTP ${status}); see its log above`)
  await new Promise((resolve) => setTimeout(resolve, 500))
}

const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, CMS_URL: process.env.CMS_URL || cmsUrl } })
child.on('exit', (code) => process.exit(code ?? 1))
