import type { AstroIntegration } from 'astro'

/**
 * Development only: `POST /_refresh` makes the dev server reload its content from the CMS, which
 * calls it whenever published content changes, so an edit shows up without a restart.
 */
export function cmsRefresh(): AstroIntegration {
  return {
    name: 'cms-refresh',
    hooks: {
      'astro:server:setup': ({ server, refreshContent, logger }) => {
        server.middlewares.use('/_refresh', (request, response) => {
          if (request.method !== 'POST') {
            response.statusCode = 405
            response.end()
            return
          }
          refreshContent?.({})
            .then(() => {
              logger.info('Reloaded content from the CMS')
              server.ws.send({ type: 'full-reload' })
              response.end('refreshed')
            })
            .catch((error: unknown) => {
              logger.error(`Reloading content from the CMS failed: ${String(error)}`)
              response.statusCode = 502
              response.end('refresh failed')
            })
        })
      },
    },
  }
}
