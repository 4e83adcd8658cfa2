/**
 * Waits until a server started by a test answers `url` with 200 (or with anything, `anyStatus`),
 * asking every `intervalMs`. Fails after `timeoutMs`, or as soon as `exited()` says the process
 * that should answer is gone; the error names `what` and ends with `details()` (its log).
 */
export async function waitUntilAnswering(
  url: string,
  {
    what = 'The server',
    timeoutMs = 30_000,
    intervalMs = 100,
    anyStatus = false,
    exited = () => false,
    details = () => '',
  }: { what?: string; timeoutMs?: number; intervalMs?: number; anyStatus?: boolean; exited?: () => boolean; details?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await fetch(url).then(
      (response) => (void response.body?.cancel(), response.status),
      () => 0,
    )
    if (anyStatus ? status !== 0 : status === 200) return
    const problem = exited() ? 'exited' : Date.now() > deadline ? `did not answer within ${timeoutMs / 1000} s` : undefined
    if (problem) throw new Error(`${what} at ${url} ${problem}${details() ? `:\n${details()}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
