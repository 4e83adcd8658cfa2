import { once } from 'node:events'
import { Worker } from 'node:worker_threads'

import type { JournaledSignup, Signup } from 'cms/contract'
import type { JournalWriter } from '../src/newsletter/journal'

export type JournalAsk = { kind: 'append'; id: number; signup: Signup } | { kind: 'stop' }
export type JournalAnswer = { kind: 'ready' } | { kind: 'written'; id: number; entry: JournaledSignup } | { kind: 'failed'; id: number; reason: string }

/** After the journal's thread died, it is started again after this pause, doubling while it keeps dying, up to MAX_RESTART_PAUSE_MS. */
const RESTART_PAUSE_MS = 1000
const MAX_RESTART_PAUSE_MS = 30_000
/** A sign-up not written by then is refused (the person tries again; written late, the CMS records it once). */
const APPEND_DEADLINE_MS = 10_000
/** On shutdown, the thread gets this long to write what it was asked and close the journal. */
const STOP_DEADLINE_MS = 15_000

export type JournalThread = JournalWriter & { stop(): Promise<void> }

/**
 * The site server's side of the journal's thread (server/journalThread.ts, at `threadUrl`):
 * `append` resolves once the sign-up is on disk there, and rejects when it could not be written
 * (or not within APPEND_DEADLINE_MS), as SignupJournal's own `append` does: the person is then
 * asked to try again, never told it worked. Resolves once the journal is open: a journal that
 * cannot be opened stops the server from starting, as before. Should the thread die later, the
 * sign-ups it had not written are refused and it is started again at once after a pause (its
 * forwarder with it, so what waits in the journal keeps reaching the CMS).
 */
export async function startJournalWriter(file: string, threadUrl: URL): Promise<JournalThread> {
  const waiting = new Map<number, { resolve: (entry: JournaledSignup) => void; reject: (error: Error) => void }>()
  let nextId = 0
  let thread: Worker | undefined
  let restartPause = RESTART_PAUSE_MS
  let stopped: Promise<void> | undefined
  /** Whether the journal was ever opened: one that never was stops the server from starting instead. */
  let opened = false

  const refuseWaiting = (reason: Error) => {
    for (const asked of waiting.values()) asked.reject(reason)
    waiting.clear()
  }

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const started = new Worker(threadUrl, { workerData: { file } })
      thread = started
      started.on('message', (answer: JournalAnswer) => {
        if (answer.kind === 'ready') {
          opened = true
          restartPause = RESTART_PAUSE_MS
          return resolve()
        }
        const asked = waiting.get(answer.id)
        waiting.delete(answer.id)
        if (answer.kind === 'written') asked?.resolve(answer.entry)
        else asked?.reject(new Error(answer.reason))
      })
      started.on('error', (error) => {
        console.error(`Site server: the sign-up journal's thread failed: ${error.stack ?? error.message}`)
        reject(error)
      })
      started.on('exit', (code) => {
        if (thread === started) thread = undefined
        const lost = new Error(`The sign-up journal's thread stopped (exit code ${code}) before writing this sign-up`)
        refuseWaiting(lost)
        reject(lost)
        if (stopped || !opened) return
        console.error(`Site server: the sign-up journal's thread stopped (exit code ${code}); starting it again in ${restartPause / 1000} s`)
        setTimeout(() => {
          if (!stopped) start().catch(() => {})
        }, restartPause)
        restartPause = Math.min(restartPause * 2, MAX_RESTART_PAUSE_MS)
      })
    })

  await start()
  return {
    file,
    append(signup) {
      const current = thread
      if (stopped || !current) return Promise.reject(new Error('The sign-up journal is not open just now'))
      const id = nextId++
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
          waiting.delete(id)
          reject(new Error(`The sign-up journal did not write a sign-up within ${APPEND_DEADLINE_MS / 1000} s`))
        }, APPEND_DEADLINE_MS)
        const settled = () => clearTimeout(deadline)
        waiting.set(id, {
          resolve: (entry) => (settled(), resolve(entry)),
          reject: (error) => (settled(), reject(error)),
        })
        current.postMessage({ kind: 'append', id, signup } satisfies JournalAsk)
      })
    },
    /**
     * Stops the forwarder and closes the journal, after the sign-ups already asked for are written;
     * refuses those asked for after. Once, however often it is called.
     */
    stop() {
      stopped ??= (async () => {
        const current = thread
        if (!current) return
        const exited = once(current, 'exit')
        current.postMessage({ kind: 'stop' } satisfies JournalAsk)
        const late = setTimeout(() => void current.terminate(), STOP_DEADLINE_MS)
        await exited
        clearTimeout(late)
      })()
      return stopped
    },
  }
}
