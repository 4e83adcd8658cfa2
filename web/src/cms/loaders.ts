import type { Loader, LoaderContext } from 'astro/loaders'

import { CmsError, type CmsClient } from './client'

type Doc = { id: number | string }

type SyncOptions<TDoc, TEntry> = {
  /** How the entry is known on the site (its id in the collection); defaults to the CMS id. */
  idOf?: (doc: TDoc) => string
  /** The page-ready form of a CMS document (rich text already rendered to HTML). */
  toEntry: (doc: TDoc) => TEntry
}

/**
 * Puts what the CMS sent into the collection's store: documents whose digest is unchanged are
 * left alone, the rest are converted and validated against the collection schema, and entries
 * the CMS no longer has are removed. Any invalid document fails the whole load.
 */
async function syncEntries<TDoc, TEntry extends Record<string, unknown>>(
  context: LoaderContext,
  client: CmsClient,
  what: string,
  docs: TDoc[],
  { idOf, toEntry }: Required<SyncOptions<TDoc, TEntry>>,
) {
  const { store, parseData, generateDigest } = context
  const seen = new Set<string>()
  for (const doc of docs) {
    const id = idOf(doc)
    if (seen.has(id)) throw new CmsError(`The CMS at ${client.cmsUrl} sent two ${what} with the id "${id}"`)
    seen.add(id)
    const digest = generateDigest(doc as Record<string, unknown>)
    if (store.get(id)?.digest === digest) continue
    let data: TEntry
    try {
      data = await parseData({ id, data: toEntry(doc) })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new CmsError(`The CMS at ${client.cmsUrl} sent invalid content in ${what} "${id}": ${reason}`)
    }
    store.set({ id, data, digest })
  }
  for (const id of store.keys()) {
    if (!seen.has(id)) store.delete(id)
  }
}

/** Every published document of a CMS collection, in the CMS's order. */
export function payloadCollectionLoader<TDoc extends Doc, TEntry extends Record<string, unknown>>(
  client: CmsClient,
  collection: string,
  { idOf = (doc) => String(doc.id), toEntry, depth = 1 }: SyncOptions<TDoc, TEntry> & { depth?: number },
): Loader {
  return {
    name: `payload:${collection}`,
    load: async (context) => {
      const docs = await client.findAll<TDoc>(collection, { depth })
      await syncEntries(context, client, `"${collection}"`, docs, { idOf, toEntry })
      context.logger.info(`${docs.length} ${collection} from ${client.cmsUrl}`)
    },
  }
}

/** A CMS global as a collection of one entry, whose id is the global's slug. */
export function payloadGlobalLoader<TDoc, TEntry extends Record<string, unknown>>(
  client: CmsClient,
  global: string,
  { toEntry }: Pick<SyncOptions<TDoc, TEntry>, 'toEntry'>,
): Loader {
  return {
    name: `payload:globals/${global}`,
    load: async (context) => {
      const doc = await client.findGlobal<TDoc>(global)
      await syncEntries(context, client, `the "${global}" global`, [doc], { idOf: () => global, toEntry })
    },
  }
}
