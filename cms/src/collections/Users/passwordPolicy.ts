import { dictionary } from '@zxcvbn-ts/language-common'
import type { CollectionBeforeOperationHook } from 'payload'
import { ValidationError } from 'payload'

export const MIN_PASSWORD_LENGTH = 12

let common: Set<string> | undefined
/** About 50,000 of the most used passwords (zxcvbn-ts's list, MIT); loaded on first use. */
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common']))

/**
 * What is wrong with a staff password, if anything: too short, or one of the most common
 * passwords, also with digits or symbols added at the end (password1234).
 */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters: a few unrelated words make a good password.`
  }
  const lower = password.toLowerCase()
  const core = lower.replace(/[\d\W_]+$/u, '')
  if (commonPasswords().has(lower) || (core && commonPasswords().has(core))) {
    return 'This is one of the most common passwords, tried first by anyone guessing. Choose another.'
  }
  return undefined
}

const SETS_PASSWORD = new Set(['create', 'update', 'resetPassword'])

/**
 * Every way a staff password is set (an admin creating an account, the first account, a change
 * in the account view, a reset by emailed link, the Local API) passes this check, with the reason
 * on the password field. An empty password on update means no change.
 */
export const checkStaffPassword: CollectionBeforeOperationHook = ({ args, collection, operation }) => {
  if (!SETS_PASSWORD.has(operation)) return args
  const data = 'data' in args ? args.data : undefined
  const password = data && typeof data === 'object' && 'password' in data ? data.password : undefined
  if (typeof password !== 'string' || password === '') return args
  const problem = passwordProblem(password)
  if (problem) throw new ValidationError({ collection: collection.slug, errors: [{ message: problem, path: 'password' }] })
  return args
}
