import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

import { refuseHostileInput } from './refuseHostileInput'

type Config = Promise<SanitizedConfig> | SanitizedConfig

/** Payload's REST route handlers behind the hostile-input guard: what app/(payload)/api serves, and what tests call. */
export function restHandlers(config: Config) {
  return {
    GET: refuseHostileInput(REST_GET(config)),
    POST: refuseHostileInput(REST_POST(config)),
    DELETE: refuseHostileInput(REST_DELETE(config)),
    PATCH: refuseHostileInput(REST_PATCH(config)),
    PUT: refuseHostileInput(REST_PUT(config)),
    OPTIONS: refuseHostileInput(REST_OPTIONS(config)),
  }
}

/** Payload's GraphQL handler behind the same guard. */
export const graphqlHandler = (config: Config) => refuseHostileInput(GRAPHQL_POST(config), { graphql: true })
