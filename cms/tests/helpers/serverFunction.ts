/**
 * Calls the admin's server function (the `serverFunction` server action of
 * app/(payload)/layout.tsx, through which Payload's admin runs `schedule-publish`, `form-state`
 * and the like) over HTTP with a session cookie, exactly as the admin's browser does. Its action
 * id is read from the admin page, which hands the reference to the browser.
 */
export async function adminServerFunction(cmsUrl: string) {
  const html = await (await fetch(`${cmsUrl}/admin/login`)).text()
  const flight = html.replaceAll('\\"', '"')
  const reference = /"serverFunction":"\$h([0-9a-f]+)"/.exec(flight)?.[1]
  const actionId = reference && new RegExp(`${reference}:\\{"id":"([0-9a-f]+)"`).exec(flight)?.[1]
  if (!actionId) throw new Error(`No reference to the admin's server function in ${cmsUrl}/admin/login`)

  /** Arguments are sent as React encodes them: a Date as "$D" followed by its ISO string. */
  return async (token: string, name: string, args: Record<string, unknown>): Promise<{ status: number; result: unknown }> => {
    const response = await fetch(`${cmsUrl}/admin`, {
      method: 'POST',
      headers: { 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8', Cookie: `payload-token=${token}`, Origin: cmsUrl },
      body: JSON.stringify([{ name, args }]),
    })
    // The answer is a React Server Components stream; row 1 holds the function's return value.
    const row = /^1:(?!D")(.*)$/m.exec(await response.text())?.[1]
    return { status: response.status, result: row === undefined ? undefined : JSON.parse(row) }
  }
}
