import config from '@payload-config'

import { graphqlHandler, restHandlers } from '../../../../http/handlers'

export const POST = graphqlHandler(config)
export const OPTIONS = restHandlers(config).OPTIONS
