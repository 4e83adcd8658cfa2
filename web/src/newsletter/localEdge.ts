import { journalFile } from '../cms/siteServer'
import { createSignupEdge, type SignupEdge } from './edge'
import { SignupJournal } from './journal'

let edge: SignupEdge | undefined

/**
 * The edge for the sign-up route when no site server stands in front of it (`astro dev`): the
 * same journal file, opened once per process. In production the site server accepts sign-ups
 * itself and hands the route only the outcome to show.
 */
export const localEdge = (): SignupEdge => (edge ??= createSignupEdge(new SignupJournal(journalFile())))
