import type { AstroIntegration } from 'astro'

import { startContentRound } from '../cms/contentRound'

/**
 * Development only: `POST /_refresh` makes the dev server read its content from the CMS again, which
 * calls it whenever published content changes, so an edit shows up without a restart.
 */
export function cmsRefresh(): AstroIntegration {
  return {
    name: 'cms-refresh',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        server.middlewares.use('/_refresh', (request, response) => {
          if (request.method !== 'POST') {
            response.statusCode = 405
            response.end()
            return
          }
          // The next page rendered reads the CMS again (src/cms/content.ts).
          startContentRound()
          logger.info('Content will be read again from the CMS')
          server.ws.send({ type: 'full-reload' })
          response.end('refreshed')
        })
      },
    },
  }
}
