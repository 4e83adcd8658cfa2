import type { APIRoute } from 'astro'

import { callNewsletter } from '../../newsletter/cmsApi'
import { readSignupForm } from '../../newsletter/form'

export const prerender = false

/** A new confirmation link for an expired one. Answers the same whatever the token was. */
export const POST: APIRoute = async ({ request, redirect }) => {
  const form = await readSignupForm(request)
  if (!form.ok) return new Response(form.message, { status: form.status })
  const answer = await callNewsletter('resend', { token: form.fields.token ?? '' })
  if (answer.status === 'unreachable') {
    return new Response('We could not send a new link just now. Please go back and try again in a few minutes.', {
      status: 503,
      headers: { 'Retry-After': '120', 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return redirect('/wire/check-your-inbox', 303)
}
