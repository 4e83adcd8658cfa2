import type { Loader, LoaderContext } from 'astro/loaders'

import { CmsError, type CmsClient } from './client'

type Doc = { id: number | string }

type SyncOptions<TDoc, TEntry> = {
  /** How the entry is known on the site (its id in the collection); defaults to the CMS id. */
  idOf?: (doc: TDoc) => string
  /** The page-ready form of a CMS document (rich text already rendered to HTML). */
  toEntry: (doc: TDoc) => TEntry
}

type Entry<TEntry> = { id: string; data: TEntry; digest: string }

/**
 * Turns what the CMS sent into the collection's entries, in the CMS's order: documents whose
 * digest is unchanged keep the data already in the store, the rest are converted and validated
 * against the collection schema. Any invalid document fails the whole load, before anything is
 * written.
 */
async function prepareEntries<TDoc, TEntry extends Record<string, unknown>>(
  context: LoaderContext,
  client: CmsClient,
  what: string,
  docs: TDoc[],
  { idOf, toEntry }: Required<SyncOptions<TDoc, TEntry>>,
): Promise<Entry<TEntry>[]> {
  const { store, parseData, generateDigest } = context
  const entries: Entry<TEntry>[] = []
  const seen = new Set<string>()
  for (const doc of docs) {
    const id = idOf(doc)
    if (seen.has(id)) throw new CmsError(`The CMS at ${client.cmsUrl} sent two ${what} with the id "${id}"`)
    seen.add(id)
    const digest = generateDigest(doc as Record<string, unknown>)
    const stored = store.get(id)
    if (stored?.digest === digest) {
      entries.push({ id, data: stored.data as TEntry, digest })
      continue
    }
    try {
      entries.push({ id, data: await parseData({ id, data: toEntry(doc) }), digest })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new CmsError(`The CMS at ${client.cmsUrl} sent invalid content in ${what} "${id}": ${reason}`)
    }
  }
  return entries
}

/**
 * Loaders for the CMS's collections and globals, all reading through one client.
 *
 * Astro runs every loader at once, and its content store (which the server bundle embeds) keeps
 * collections in the order they were first written, and entries in the order they were first
 * set. Left alone, that order would be whichever CMS request finished first, and an entry moved
 * in the CMS would keep its old place in a store kept from an earlier build: two builds of the
 * same content would differ. So each load replaces its collection whole, in the CMS's order, and
 * the loaders write one after another in the order they were made here (content.config.ts),
 * whenever their requests finish. Astro runs every loader on every sync (refreshContent too),
 * which is what lets a loader wait for the ones before it.
 */
export function cmsLoaders(client: CmsClient) {
  const names: string[] = []
  type Round = { started: Set<number>; written: Promise<void>[]; markWritten: (() => void)[] }
  const newRound = (): Round => {
    const round: Round = { started: new Set(), written: [], markWritten: [] }
    for (let turn = 0; turn < names.length; turn++) {
      round.written.push(new Promise((resolve) => round.markWritten.push(resolve)))
    }
    return round
  }
  let round: Round | undefined

  function orderedLoader<TDoc, TEntry extends Record<string, unknown>>(
    name: string,
    what: string,
    fetchDocs: () => Promise<TDoc[]>,
    options: Required<SyncOptions<TDoc, TEntry>>,
  ): Loader {
    const turn = names.push(name) - 1
    return {
      name,
      load: async (context) => {
        // A loader that already ran in this round starts the next sync's round.
        if (!round || round.started.has(turn) || round.written.length !== names.length) round = newRound()
        const mine = round
        mine.started.add(turn)
        try {
          const docs = await fetchDocs()
          const entries = await prepareEntries(context, client, what, docs, options)
          await Promise.all(mine.written.slice(0, turn))
          context.store.clear()
          for (const entry of entries) context.store.set(entry)
          context.logger.info(`${entries.length} ${what} from ${client.cmsUrl}`)
        } finally {
          // Also after a failure, so that the loaders after this one are not left waiting.
          mine.markWritten[turn]!()
        }
      },
    }
  }

  return {
    /** Every published document of a CMS collection, in the CMS's order. */
    collection<TDoc extends Doc, TEntry extends Record<string, unknown>>(
      collection: string,
      { idOf = (doc) => String(doc.id), toEntry, depth = 1 }: SyncOptions<TDoc, TEntry> & { depth?: number },
    ): Loader {
      return orderedLoader<TDoc, TEntry>(`payload:${collection}`, `"${collection}"`, () => client.findAll<TDoc>(collection, { depth }), {
        idOf,
        toEntry,
      })
    },

    /** A CMS global as a collection of one entry, whose id is the global's slug. */
    global<TDoc, TEntry extends Record<string, unknown>>(global: string, { toEntry }: Pick<SyncOptions<TDoc, TEntry>, 'toEntry'>): Loader {
      return orderedLoader<TDoc, TEntry>(`payload:globals/${global}`, `the "${global}" global`, async () => [await client.findGlobal<TDoc>(global)], {
        idOf: () => global,
        toEntry,
      })
    },
  }
}
