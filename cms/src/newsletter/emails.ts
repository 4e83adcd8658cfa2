import type { SiteSetting } from '../payload-types'

export type NewsletterEmail = {
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

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
  settings: Pick<SiteSetting, 'siteName' | 'postalAddress' | 'newsletter'>
  confirmUrl: string
  unsubscribeUrl: string
  expiresInHours: number
}): NewsletterEmail {
  const list = settings.newsletter?.heading || 'our newsletter'
  const sender = settings.siteName
  const address = settings.postalAddress?.trim()
  const subject = `Confirm your subscription to ${list}`
  const text = [
    `Thank you for signing up for ${list} from ${sender}.`,
    '',
    'Please confirm your address by opening this link:',
    confirmUrl,
    '',
    `The link works for ${expiresInHours} hours. If you did not sign up, ignore this email and you will not hear from us.`,
    '',
    '--',
    sender,
    ...(address ? [address] : []),
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join('\n')
  const html = `<!doctype html><html lang="en"><body style="font-family: Georgia, serif; color: #1b1f23; line-height: 1.5">
<p>Thank you for signing up for ${escape(list)} from ${escape(sender)}.</p>
<p><a href="${escape(confirmUrl)}" style="display:inline-block;padding:12px 20px;background:#1d5a4f;color:#fff;text-decoration:none">Confirm my subscription</a></p>
<p>The link works for ${expiresInHours} hours. If you did not sign up, ignore this email and you will not hear from us.</p>
<hr>
<p style="font-size: 14px; color: #454d55">${escape(sender)}${address ? `<br>${escape(address).replaceAll('\n', '<br>')}` : ''}<br>
<a href="${escape(unsubscribeUrl)}">Unsubscribe</a></p>
</body></html>`
  return {
    subject,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}
