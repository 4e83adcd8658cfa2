import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { simpleParser, type ParsedMail } from 'mailparser'
import { expect, inject } from 'vitest'

/** Every email the CMS has sent so far, parsed, oldest first. */
export async function allMail(): Promise<ParsedMail[]> {
  const dir = inject('mailDir')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
  return Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))))
}

const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((to) => to?.value.map((v) => v.address?.toLowerCase()) ?? [])

/** Waits for the n-th email to an address (1 = the first). */
export async function mailTo(address: string, nth = 1, timeout = 20_000): Promise<ParsedMail> {
  let found: ParsedMail | undefined
  await expect
    .poll(
      async () => {
        found = (await allMail()).filter((m) => recipient(m).includes(address.toLowerCase()))[nth - 1]
        return Boolean(found)
      },
      { timeout, interval: 250 },
    )
    .toBe(true)
  return found!
}

export const countMailTo = async (address: string) => (await allMail()).filter((m) => recipient(m).includes(address.toLowerCase())).length

/** The confirm and unsubscribe links of an email, moved onto the site server under test. */
export function linksIn(mail: ParsedMail, siteUrl: string) {
  const onSite = (link: string) => {
    const url = new URL(link)
    return `${siteUrl}${url.pathname}${url.search}`
  }
  const confirm = mail.text?.match(/https?:\/\/\S+\/wire\/confirm\?token=[\w-]+/)?.[0]
  const unsubscribe = mail.text?.match(/https?:\/\/\S+\/wire\/unsubscribe\?token=[\w.-]+/)?.[0]
  if (!confirm || !unsubscribe) throw new Error(`No confirm/unsubscribe link in:\n${mail.text}`)
  return { confirm: onSite(confirm), unsubscribe: onSite(unsubscribe) }
}
