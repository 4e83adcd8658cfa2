import type { APIRoute } from 'astro'

import { callNewsletter } from '../../newsletter/cmsApi'
import { readSignupForm } from '../../newsletter/form'

export const prerender = false

/** A new confirmation link for an expired one. Answers the same whatever the token was. */
export const POST: APIRoute = async ({ request, redirect }) => {
  const form = await readSignupForm(request)
  if (!form.ok) return new Response(form.message, { status: form.status })
  await callNewsletter('resend', { token: form.fields.token ?? '' })
  return redirect('/wire/check-your-inbox', 303)
}
