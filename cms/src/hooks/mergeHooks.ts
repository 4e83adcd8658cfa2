import type { CollectionConfig, GlobalConfig } from 'payload'

type Hooks = NonNullable<CollectionConfig['hooks']> | NonNullable<GlobalConfig['hooks']>

/**
 * Two sets of hooks as one: for each kind, the shared ones first, then the config's own. A
 * config that spread shared traits and then declared its own `hooks` silently dropped the
 * shared ones (the publish trigger, the writers' guard); this keeps both.
 */
export function mergeHooks<T extends Hooks>(shared: T, own: T | undefined): T {
  const merged: Record<string, unknown[]> = { ...(shared as Record<string, unknown[]>) }
  for (const [kind, hooks] of Object.entries(own ?? {})) merged[kind] = [...(merged[kind] ?? []), ...(hooks as unknown[])]
  return merged as T
}
