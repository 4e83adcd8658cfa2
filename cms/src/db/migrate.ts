import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'

/** Applies the committed migrations that have not run yet (the generated list's types are looser than Payload's). */
export const applyMigrations = (payload: Payload) => payload.db.migrate({ migrations: migrations as unknown as Migration[] })
