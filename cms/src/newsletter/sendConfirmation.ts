import type { Payload, TaskConfig } from 'payload'

import { siteUrl } from '../config/env'
import { confirmationEmail, type NewsletterEmail } from './emails'
import { newsletterSettings } from './settings'
import { newConfirmToken, unsubscribeToken } from './tokens'

export const NEWSLETTER_QUEUE = 'newsletter'

/**
 * Sends (or, without SMTP_URL, logs) an email. Failures throw, so the job is retried.
 */
async function deliver(payload: Payload, to: string, email: NewsletterEmail) {
  if (!process.env.SMTP_URL) {
    payload.logger.info(`Email (no SMTP_URL set, so only logged) to ${to}: ${email.subject}\n${email.text}`)
    return
  }
  await payload.sendEmail({ to, subject: email.subject, text: email.text, html: email.html, headers: email.headers })
}

/**
 * The confirmation email of the double opt-in, as a job: queued in the same breath as the
 * sign-up is stored, retried with back-off when sending fails. The token is made here, at send
 * time, so that it never sits in the jobs table; only its hash is stored.
 */
export const sendConfirmationEmail: TaskConfig<'sendConfirmationEmail'> = {
  slug: 'sendConfirmationEmail',
  label: 'Send a newsletter confirmation email',
  retries: { attempts: 6, backoff: { type: 'exponential', delay: 15_000 } },
  inputSchema: [{ name: 'subscriber', type: 'number', required: true }],
  outputSchema: [{ name: 'sent', type: 'checkbox' }],
  handler: async ({ input, req }) => {
    const { payload } = req
    const subscriber = await payload
      .findByID({ collection: 'subscribers', id: input.subscriber, depth: 0, overrideAccess: true, showHiddenFields: true })
      .catch(() => null)
    if (!subscriber || subscriber.status !== 'pending') return { output: { sent: false } }

    const { confirmTtlHours } = newsletterSettings()
    const { token, hash } = newConfirmToken()
    await payload.update({
      collection: 'subscribers',
      id: subscriber.id,
      overrideAccess: true,
      data: { confirmTokenHash: hash, confirmTokenExpiresAt: new Date(Date.now() + confirmTtlHours * 3600_000).toISOString() },
    })
    const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
    const site = siteUrl()
    const email = confirmationEmail({
      settings,
      confirmUrl: `${site}/wire/confirm?token=${token}`,
      unsubscribeUrl: `${site}/wire/unsubscribe?token=${unsubscribeToken(subscriber.id, payload.secret)}`,
      expiresInHours: confirmTtlHours,
    })
    await deliver(payload, subscriber.email, email)
    return { output: { sent: true } }
  },
}

/**
 * Queues the confirmation email, then runs that job at once rather than at the next tick. Only
 * that job: Payload claims jobs by reading then updating them, not atomically, so runners started
 * by simultaneous sign-ups for the whole queue picked up the same jobs and sent each email
 * several times (each with a new token, killing the link in the one before). Retries are left to
 * the scheduled runner.
 */
export async function queueConfirmation(payload: Payload, subscriberId: number): Promise<void> {
  const job = await payload.jobs.queue({ task: 'sendConfirmationEmail', queue: NEWSLETTER_QUEUE, input: { subscriber: subscriberId } })
  payload.jobs.run({ queue: NEWSLETTER_QUEUE, where: { id: { equals: job.id } } }).catch((error: unknown) => {
    payload.logger.error({ err: error, msg: 'Running the newsletter queue failed; the next scheduled run retries it' })
  })
}
