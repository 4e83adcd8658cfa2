/** What one of the CMS's action endpoints answered: its message, or why it refused. */
export type ActionAnswer = { ok: true; message?: string } | { ok: false; problem: string }

/**
 * POSTs from the admin (with its session) to one of the CMS's own action endpoints (erase, send
 * again, …), which answer `{ message }` or, refusing, `{ errors: [{ message }] }` (errorAnswer).
 */
export async function postAction(url: string): Promise<ActionAnswer> {
  const response = await fetch(url, { method: 'POST', credentials: 'include' })
  const answer = (await response.json().catch(() => ({}))) as { message?: string; errors?: { message: string }[] }
  if (response.ok) return { ok: true, message: answer.message }
  return { ok: false, problem: answer.errors?.[0]?.message ?? `the CMS answered ${response.status}` }
}
