import type { AfterErrorHook } from 'payload'

/** The SQLSTATE of a PostgreSQL error among an error's causes (Drizzle wraps the driver's). */
function sqlState(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code
    current = 'cause' in current ? current.cause : undefined
  }
  return undefined
}

const MESSAGE = 'A value in the request cannot be used here: a number out of range, or text where a number or a date belongs.'

/**
 * PostgreSQL's "data exception" errors (SQLSTATE class 22: a number out of range, "abc" for an id,
 * a negative page) are caused by the values a request sent, which Payload passes through to the
 * query unchecked: they answer 400, not 500. Still logged as errors by Payload, before this runs.
 */
export const answerUnusableValues: AfterErrorHook = ({ error, graphqlResult }) => {
  const original = 'originalError' in error && error.originalError ? error.originalError : error
  if (!sqlState(original)?.startsWith('22')) return
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message: MESSAGE, extensions: { ...graphqlResult.extensions, statusCode: 400 } } }
  return { response: { errors: [{ message: MESSAGE }] }, status: 400 }
}
