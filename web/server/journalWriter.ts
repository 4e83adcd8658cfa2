import { once } from 'node:events'
import { Worker } from 'node:worker_threads'

import type { JournaledSignup, Signup } from 'cms/contract'
import type { JournalWriter } from '../src/newsletter/journal'

export type JournalAsk = { kind: 'append'; id: number; signup: Signup } | { kind: 'stop' }
export type JournalAnswer = { kind: 'ready' } | { kind: 'written'; id: number; entry: JournaledSignup } | { kind: 'failed'; id: number; reason: string }

/** After the journal's thread died, a new one is started at most this often (each start opens the journal). */
const RESTART_PAUSE_MS = 1000

/**
 * The site server's side of the journal's thread (server/journalThread.ts, at `threadUrl`):
 * `append` resolves once the sign-up is on disk there, and rejects when it could not be written,
 * as SignupJournal's own `append` does. Resolves once the journal is open: a journal that cannot
 * be opened stops the server from starting, as before. Should the thread die later, the sign-ups
 * it had not written are refused (the person is asked to try again) and the next one starts it again.
 */
export async function startJournalWriter(file: string, threadUrl: URL): Promise<JournalWriter & { stop(): Promise<void> }> {
  const waiting = new Map<number, { resolve: (entry: JournaledSignup) => void; reject: (error: Error) => void }>()
  let nextId = 0
  let thread: Worker | undefined
  let startedAt = 0
  let stopping = false

  const start = (): Promise<Worker> => {
    const started = new Worker(threadUrl, { workerData: { file } })
    startedAt = Date.now()
    thread = started
    const ready = new Promise<Worker>((resolve, reject) => {
      started.on('message', (answer: JournalAnswer) => {
        if (answer.kind === 'ready') return resolve(started)
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
        for (const asked of waiting.values()) asked.reject(lost)
        waiting.clear()
        reject(lost)
      })
    })
    return ready
  }

  await start()
  return {
    file,
    append(signup) {
      if (!thread && (stopping || Date.now() - startedAt < RESTART_PAUSE_MS)) return Promise.reject(new Error('The sign-up journal is not open just now'))
      if (!thread) void start().catch(() => {})
      const id = nextId++
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        thread!.postMessage({ kind: 'append', id, signup } satisfies JournalAsk)
      })
    },
    /** Stops the forwarder and closes the journal, after the sign-ups already asked for are written. */
    async stop() {
      stopping = true
      if (!thread) return
      const exited = once(thread, 'exit')
      thread.postMessage({ kind: 'stop' } satisfies JournalAsk)
      await exited
    },
  }
}
