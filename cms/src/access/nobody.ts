import type { FieldAccess } from 'payload'

/** For secrets (token hashes): only server code with overrideAccess can touch them. */
export const nobody: FieldAccess = () => false
