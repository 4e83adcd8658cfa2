import type { AstroIntegration } from 'astro'

import { journalFile } from '../cms/siteServer'
import { startForwarder } from '../newsletter/forwarder'
import { SignupJournal } from '../newsletter/journal'

/**
 * Development only: hands the sign-ups that the dev server's /wire/signup journals to the CMS,
 * as the production site server does (server/main.ts).
 */
export function signupForwarder(): AstroIntegration {
  let stop: (() => Promise<void>) | undefined
  return {
    name: 'signup-forwarder',
    hooks: {
      'astro:server:setup': ({ logger }) => {
        const journal = new SignupJournal(journalFile())
        const forwarder = startForwarder(journal, { log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) } })
        stop = async () => {
          await forwarder.stop()
          journal.close()
        }
      },
      'astro:server:done': async () => {
        await stop?.()
      },
    },
  }
}
