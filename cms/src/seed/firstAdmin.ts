import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import { MIN_PASSWORD_LENGTH, passwordProblem } from '../collections/Users/passwordPolicy'
import { cmsUrl } from '../config/env'

/**
 * Creates the first admin of a fresh install from SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD. Without
 * a password, the account gets a random one that nobody ever sees, and a one-time link to choose
 * their own is printed instead (Payload's password reset: it works once, within the hour). A
 * password in a log would stay usable by anyone who reads the log later, for as long as nobody
 * changed it. No install ever has a known password. Does nothing once any account exists.
 */
export async function seedFirstAdmin(payload: Payload, env: Record<string, string | undefined> = process.env): Promise<void> {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return

  const email = env.SEED_ADMIN_EMAIL || 'admin@example.org'
  let password = env.SEED_ADMIN_PASSWORD
  if (password && password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`SEED_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long.`)
  }
  const problem = password && passwordProblem(password)
  if (problem) throw new Error(`SEED_ADMIN_PASSWORD cannot be used: ${problem}`)
  const generated = !password
  password ||= randomBytes(32).toString('base64url')

  await payload.create({ collection: 'users', data: { email, password, name: 'Site admin', role: 'admin' } })

  const lines = [`First admin account created: ${email}`]
  if (generated) {
    const token = await payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true })
    lines.push(`Choose its password here (works once, within the hour): ${cmsUrl()}/admin/reset/${token}`)
    lines.push('Later, “Forgot password?” on the sign-in page sends a new link.')
  } else {
    lines.push('Password: the SEED_ADMIN_PASSWORD you set.')
  }
  const width = Math.max(...lines.map((l) => l.length))
  const rule = '─'.repeat(width + 2)
  console.log([`┌${rule}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${rule}┘`].join('\n'))
}
