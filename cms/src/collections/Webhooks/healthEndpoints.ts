import { adminsOnly, errorAnswer } from '../../http/errorAnswer'
import { testWebhook, webhookHealth } from '../../newsletter/webhookHealth'

const REFUSAL = 'Only admins can see and test webhooks.'
const idOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined)

/** GET /api/webhooks/:id/health, for admins: the calls waiting and, if they are failing, since when and why, in words. */
export const webhookHealthEndpoint = adminsOnly({
  refusal: REFUSAL,
  path: '/:id/health',
  method: 'get',
  handler: async (req) => {
    const id = idOf(req.routeParams?.id)
    const [health] = id === undefined ? [] : await webhookHealth(req.payload, id)
    return health ? Response.json(health) : errorAnswer(404, 'No such webhook.')
  },
})

/** POST /api/webhooks/:id/test, for admins: a signed test call made now; the answer says how it went, in words. */
export const webhookTestEndpoint = adminsOnly({
  refusal: REFUSAL,
  path: '/:id/test',
  method: 'post',
  handler: async (req) => {
    const id = idOf(req.routeParams?.id)
    const outcome = id === undefined ? undefined : await testWebhook(req.payload, id)
    return outcome ? Response.json(outcome) : errorAnswer(404, 'No such webhook.')
  },
})
