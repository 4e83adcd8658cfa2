import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'

import type { FieldErrors, JournaledSignup, Signup } from 'cms/contract'

/** What takes a person's sign-up: resolves once it is durably written, rejects when it could not be. */
export type JournalWriter = { readonly file: string; append(signup: Signup): Promise<JournaledSignup> }

/**
 * The site server's own durable store of sign-ups (SQLite, in SITE_DATA_DIR): a person's sign-up
 * is written here before they are told it worked, and stays until the CMS has recorded it, so
 * neither a surge nor the CMS or its database being down loses anyone.
 *
 * Writes are durable at COMMIT (WAL with synchronous=FULL: they survive the process being killed
 * and the machine losing power). Sign-ups arriving together share one commit (group commit), so
 * a surge costs one disk flush per batch, not per person.
 */
export class SignupJournal implements JournalWriter {
  readonly file: string
  #db: DatabaseSync
  #insert: StatementSync
  #due: StatementSync
  #forget: StatementSync
  #postpone: StatementSync
  #reject: StatementSync
  #waiting: { signup: JournaledSignup; resolve: () => void; reject: (error: unknown) => void }[] = []
  #appended = new Set<() => void>()

  constructor(file: string) {
    this.file = file
    mkdirSync(path.dirname(file), { recursive: true })
    this.#db = new DatabaseSync(file)
    this.#db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 1000;
      CREATE TABLE IF NOT EXISTS signups (
        id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        signup TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        rejected_at TEXT
      );
      DROP INDEX IF EXISTS signups_due;
      CREATE INDEX IF NOT EXISTS signups_waiting ON signups (next_attempt_at, received_at) WHERE rejected_at IS NULL;
    `)
    this.#insert = this.#db.prepare('INSERT INTO signups (id, received_at, signup) VALUES (?, ?, ?)')
    this.#due = this.#db.prepare('SELECT signup FROM signups WHERE rejected_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, received_at LIMIT ?')
    // A batch's ids as one JSON array: one statement (and one disk flush) per batch, not per row.
    this.#forget = this.#db.prepare('DELETE FROM signups WHERE id IN (SELECT value FROM json_each(?))')
    this.#postpone = this.#db.prepare(
      'UPDATE signups SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id IN (SELECT value FROM json_each(?))',
    )
    this.#reject = this.#db.prepare('UPDATE signups SET rejected_at = ?, last_error = ? WHERE id = ?')
  }

  /**
   * Writes a sign-up durably; resolves once it is on disk, rejects if it could not be written
   * (the disk is full or the file is locked by another program: the person must be told).
   */
  append(signup: Signup): Promise<JournaledSignup> {
    const entry: JournaledSignup = { ...signup, id: randomUUID(), receivedAt: new Date().toISOString() }
    return new Promise((resolve, reject) => {
      if (this.#waiting.length === 0) setImmediate(() => this.#commit())
      this.#waiting.push({ signup: entry, resolve: () => resolve(entry), reject })
    })
  }

  /** Everything appended in one turn of the event loop, in one transaction. */
  #commit() {
    const batch = this.#waiting
    this.#waiting = []
    try {
      this.#db.exec('BEGIN IMMEDIATE')
      try {
        for (const { signup } of batch) this.#insert.run(signup.id, signup.receivedAt, JSON.stringify(signup))
        this.#db.exec('COMMIT')
      } catch (error) {
        this.#db.exec('ROLLBACK')
        throw error
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
      return
    }
    for (const waiting of batch) waiting.resolve()
    for (const listener of this.#appended) listener()
  }

  /** Calls `listener` after each commit of new sign-ups (the forwarder wakes on it). */
  onAppend(listener: () => void): () => void {
    this.#appended.add(listener)
    return () => this.#appended.delete(listener)
  }

  /** Sign-ups waiting for the CMS whose next try is due, those never tried and the oldest first. */
  due(limit: number, now = Date.now()): JournaledSignup[] {
    const rows = this.#due.all(now, limit) as { signup: string }[]
    return rows.map((row) => JSON.parse(row.signup) as JournaledSignup)
  }

  /** The CMS recorded these: they are its to keep now. */
  forget(ids: string[]) {
    if (ids.length > 0) this.#forget.run(JSON.stringify(ids))
  }

  /** Handing these over failed: try again at `at` (ms since the epoch). */
  postpone(ids: string[], at: number, error: string) {
    if (ids.length > 0) this.#postpone.run(at, error, JSON.stringify(ids))
  }

  /** The CMS will never record these (invalid by its rules): kept, out of the way, for a person to look at. */
  reject(rejected: { id: string; errors: FieldErrors }[]) {
    for (const { id, errors } of rejected) this.#reject.run(new Date().toISOString(), JSON.stringify(errors), id)
  }

  /** How many sign-ups wait for the CMS, and how many it rejected. */
  counts(): { waiting: number; rejected: number } {
    const row = this.#db
      .prepare('SELECT count(*) FILTER (WHERE rejected_at IS NULL) AS waiting, count(*) FILTER (WHERE rejected_at IS NOT NULL) AS rejected FROM signups')
      .get() as { waiting: number; rejected: number }
    return { waiting: Number(row.waiting), rejected: Number(row.rejected) }
  }

  close() {
    this.#db.close()
  }
}
