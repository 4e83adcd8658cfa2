import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminField } from '../../access/isAdmin'
import { isAdminOrSelf } from '../../access/isAdminOrSelf'
import { ROLES } from '../../access/roles'
import { notServed } from '../../http/notServed'
import { firstUserIsAdmin } from './firstUserIsAdmin'
import { checkStaffPassword, MIN_PASSWORD_LENGTH } from './passwordPolicy'
import { limitSignInAttempts, refundSuccessfulSignIn } from './signInLimits'

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: 'Staff account', plural: 'Staff accounts' },
  // Every signed-in account reads document locks; a lock here would tell writers whose account
  // an admin is editing.
  lockDocuments: false,
  auth: {
    // More than an address may fail in a row (signInLimits.ts): an account is locked only by
    // guesses from several addresses. A locked account looks like a wrong password (hideAccountLocks.ts).
    maxLoginAttempts: 10,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    cookies: { sameSite: 'Lax', secure: process.env.NODE_ENV === 'production' },
  },
  access: {
    read: isAdminOrSelf,
    create: isAdmin,
    update: isAdminOrSelf,
    delete: isAdmin,
    // Payload's default lets any signed-in account unlock any other, undoing the lock on an
    // account someone is guessing at.
    unlock: isAdmin,
  },
  admin: {
    group: 'Settings',
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role', 'updatedAt'],
    // The password rule said before the first attempt, not only in the error after it.
    description: `People who can sign in to this admin, and what each may do. A password needs at least ${MIN_PASSWORD_LENGTH} characters and must not be one of the most common passwords: a few unrelated words make a good one.`,
  },
  // Staff accounts are not verified by email (auth.verify is off), yet Payload serves the
  // verification route, which then fails with a 500 whatever the token.
  endpoints: notServed('/verify/:token'),
  hooks: {
    beforeOperation: [limitSignInAttempts, checkStaffPassword],
    beforeChange: [firstUserIsAdmin],
    afterLogin: [refundSuccessfulSignIn],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'writer',
      options: ROLES,
      saveToJWT: true,
      access: { create: isAdminField, update: isAdminField },
      admin: { description: 'Only admins can change roles.' },
    },
  ],
}
