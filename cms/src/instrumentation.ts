/**
 * Next.js runs `register` once as the CMS's server starts, before it handles a request: from then
 * on every request carries its client address, as the server resolved it (auth/clientIp.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stampClientAddresses } = await import('./auth/clientIp')
    stampClientAddresses()
  }
}
