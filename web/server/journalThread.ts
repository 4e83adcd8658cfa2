/**
 * The sign-up journal's own thread (started by server/journalWriter.ts; bundled into
 * dist-server/journalThread.mjs). Writing a sign-up durably waits for the disk (synchronous=FULL:
 * an fsync per commit), and node:sqlite waits in the calling thread: on the site server's
 * request thread that wait held up every other visitor. Here it holds up only this thread, and
 * the sign-ups that arrive meanwhile join the next commit. The forwarder lives here too, beside
 * the journal it reads and empties, so handing batches to the CMS costs the request thread nothing.
 */
import { parentPort, workerData } from 'node:worker_threads'

import { startForwarder } from '../src/newsletter/forwarder'
import { SignupJournal } from '../src/newsletter/journal'
import type { JournalAnswer, JournalAsk } from './journalWriter'

const port = parentPort!
const journal = new SignupJournal((workerData as { file: string }).file)
const forwarder = startForwarder(journal)

let stopping = false
port.on('message', (ask: JournalAsk) => {
  if (ask.kind === 'stop') {
    if (stopping) return
    stopping = true
    // Sign-ups asked for before the stop are committed first (their commit was queued first).
    void forwarder.stop().then(() =>
      setImmediate(() => {
        journal.close()
        port.close()
      }),
    )
    return
  }
  if (stopping) return port.postMessage({ kind: 'failed', id: ask.id, reason: 'The sign-up journal is closing' } satisfies JournalAnswer)
  journal.append(ask.signup).then(
    (entry) => port.postMessage({ kind: 'written', id: ask.id, entry } satisfies JournalAnswer),
    (error: unknown) =>
      port.postMessage({ kind: 'failed', id: ask.id, reason: error instanceof Error ? error.message : String(error) } satisfies JournalAnswer),
  )
})
port.postMessage({ kind: 'ready' } satisfies JournalAnswer)
