import type { SiteSetting } from '../payload-types'

export type NewsletterEmail = {
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

type Sender = Pick<SiteSetting, 'siteName' | 'postalAddress' | 'newsletter'>

/** What every newsletter email ends with: who sends it, their postal address (anti-spam law), and the way out. */
function footer(settings: Sender, unsubscribeUrl: string) {
  const address = settings.postalAddress?.trim()
  return {
    text: ['--', settings.siteName, ...(address ? [address] : []), `Unsubscribe: ${unsubscribeUrl}`],
    html: `<hr>
<p style="font-size: 14px; color: #454d55">${escape(settings.siteName)}${address ? `<br>${escape(address).replaceAll('\n', '<br>')}` : ''}<br>
<a href="${escape(unsubscribeUrl)}">Unsubscribe</a></p>`,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

const BUTTON = 'display:inline-block;padding:12px 20px;background:#1d5a4f;color:#fff;text-decoration:none'
const page = (body: string) => `<!doctype html><html lang="en"><body style="font-family: Georgia, serif; color: #1b1f23; line-height: 1.5">
${body}
</body></html>`

/**
 * The double opt-in email: plain text and HTML, the sender's name and postal address (anti-spam
 * law), and one-click unsubscribe by link and by the RFC 8058 headers.
 */
export function confirmationEmail({
  settings,
  confirmUrl,
  unsubscribeUrl,
  expiresInHours,
}: {
  settings: Sender
  confirmUrl: string
  unsubscribeUrl: string
  expiresInHours: number
}): NewsletterEmail {
  const list = settings.newsletter?.heading || 'our newsletter'
  const sender = settings.siteName
  const end = footer(settings, unsubscribeUrl)
  const text = [
    `Thank you for signing up for ${list} from ${sender}.`,
    '',
    'Please confirm your address by opening this link:',
    confirmUrl,
    '',
    `The link works for ${expiresInHours} hours. If you did not sign up, ignore this email and you will not hear from us.`,
    '',
    ...end.text,
  ].join('\n')
  const html = page(`<p>Thank you for signing up for ${escape(list)} from ${escape(sender)}.</p>
<p><a href="${escape(confirmUrl)}" style="${BUTTON}">Confirm my subscription</a></p>
<p>The link works for ${expiresInHours} hours. If you did not sign up, ignore this email and you will not hear from us.</p>
${end.html}`)
  return { subject: `Confirm your subscription to ${list}`, text, html, headers: end.headers }
}

/**
 * The link someone asked for on the site's unsubscribe page (they had lost our emails): one
 * button that unsubscribes, and word that nothing happens if they do nothing.
 */
export function unsubscribeLinkEmail({ settings, unsubscribeUrl }: { settings: Sender; unsubscribeUrl: string }): NewsletterEmail {
  const list = settings.newsletter?.heading || 'our newsletter'
  const end = footer(settings, unsubscribeUrl)
  const text = [
    `Someone asked on our website for a link to unsubscribe this address from ${list}.`,
    '',
    'To stop receiving it, open this link and press Unsubscribe:',
    unsubscribeUrl,
    '',
    'If it was not you, ignore this email: nothing changes.',
    '',
    ...end.text,
  ].join('\n')
  const html = page(`<p>Someone asked on our website for a link to unsubscribe this address from ${escape(list)}.</p>
<p><a href="${escape(unsubscribeUrl)}" style="${BUTTON}">Unsubscribe</a></p>
<p>If it was not you, ignore this email: nothing changes.</p>
${end.html}`)
  return { subject: `Your link to unsubscribe from ${list}`, text, html, headers: end.headers }
}
