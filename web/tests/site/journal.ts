import { existsSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'

import type { JournaledSignup } from 'cms/contract'

/** What a site server's sign-up journal holds (waiting for the CMS, or set aside), read as it is on disk. */
export function journalOf(dataDir: string): JournaledSignup[] {
  const file = path.join(dataDir, 'signups.sqlite')
  if (!existsSync(file)) return []
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    return (db.prepare('SELECT signup FROM signups').all() as { signup: string }[]).map((row) => JSON.parse(row.signup) as JournaledSignup)
  } finally {
    db.close()
  }
}
