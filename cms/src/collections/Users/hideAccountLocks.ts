import type { AfterErrorHook } from 'payload'
import { AuthenticationError, formatErrors, LockedAuth } from 'payload'

/**
 * A locked account answers a sign-in exactly as a wrong password does, over REST and GraphQL:
 * "this account is locked" tells a stranger that the address belongs to a staff account, and
 * that their guessing is working. The lock itself stays (Users' maxLoginAttempts and lockTime).
 * A root hook: GraphQL errors reach only those.
 */
export const hideAccountLocks: AfterErrorHook = ({ error, graphqlResult, req }) => {
  const original = error instanceof LockedAuth ? error : 'originalError' in error ? error.originalError : undefined
  if (!(original instanceof LockedAuth)) return
  const wrongPassword = new AuthenticationError(req.t)
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        message: wrongPassword.message,
        extensions: { ...graphqlResult.extensions, name: wrongPassword.name, statusCode: wrongPassword.status },
      },
    }
  }
  return { response: formatErrors(wrongPassword), status: wrongPassword.status }
}
