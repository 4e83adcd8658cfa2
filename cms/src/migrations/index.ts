import * as migration_20261129_093150_initial from './20261129_093150_initial';
import * as migration_20261129_101319_newsletter from './20261129_101319_newsletter';
import * as migration_20261129_101322_drop_stored_unsubscribe_tokens from './20261129_101322_drop_stored_unsubscribe_tokens';
import * as migration_20261129_102448_subscriber_exports from './20261129_102448_subscriber_exports';
import * as migration_20261129_104600_site_builds from './20261129_104600_site_builds';
import * as migration_20261129_114336_media_storage_prefix from './20261129_114336_media_storage_prefix';
import * as migration_20261130_114718_security from './20261130_114718_security';

export const migrations = [
  {
    up: migration_20261129_093150_initial.up,
    down: migration_20261129_093150_initial.down,
    name: '20261129_093150_initial',
  },
  {
    up: migration_20261129_101319_newsletter.up,
    down: migration_20261129_101319_newsletter.down,
    name: '20261129_101319_newsletter',
  },
  {
    up: migration_20261129_101322_drop_stored_unsubscribe_tokens.up,
    down: migration_20261129_101322_drop_stored_unsubscribe_tokens.down,
    name: '20261129_101322_drop_stored_unsubscribe_tokens',
  },
  {
    up: migration_20261129_102448_subscriber_exports.up,
    down: migration_20261129_102448_subscriber_exports.down,
    name: '20261129_102448_subscriber_exports',
  },
  {
    up: migration_20261129_104600_site_builds.up,
    down: migration_20261129_104600_site_builds.down,
    name: '20261129_104600_site_builds',
  },
  {
    up: migration_20261129_114336_media_storage_prefix.up,
    down: migration_20261129_114336_media_storage_prefix.down,
    name: '20261129_114336_media_storage_prefix',
  },
  {
    up: migration_20261130_114718_security.up,
    down: migration_20261130_114718_security.down,
    name: '20261130_114718_security'
  },
];
