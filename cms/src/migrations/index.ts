import * as migration_20261129_093150_initial from './20261129_093150_initial';
import * as migration_20261129_101319_newsletter from './20261129_101319_newsletter';
import * as migration_20261129_101322_drop_stored_unsubscribe_tokens from './20261129_101322_drop_stored_unsubscribe_tokens';
import * as migration_20261129_102448_subscriber_exports from './20261129_102448_subscriber_exports';
import * as migration_20261129_104600_site_builds from './20261129_104600_site_builds';
import * as migration_20261129_114336_media_storage_prefix from './20261129_114336_media_storage_prefix';
import * as migration_20261130_102601_newsletter_edge_journal from './20261130_102601_newsletter_edge_journal';
import * as migration_20261130_113758_site_icon from './20261130_113758_site_icon';
import * as migration_20261130_115536_warm_builder from './20261130_115536_warm_builder';
import * as migration_20261130_123653_security_and_sign_in_limits from './20261130_123653_security_and_sign_in_limits';
import * as migration_20261130_134547_subscriber_status_and_erasures from './20261130_134547_subscriber_status_and_erasures';
import * as migration_20261130_142423_unsubscribe_links from './20261130_142423_unsubscribe_links';
import * as migration_20261130_161316_subscriber_export_log from './20261130_161316_subscriber_export_log';
import * as migration_20261130_163222_webhooks from './20261130_163222_webhooks';
import * as migration_20261130_164212_subscriber_import from './20261130_164212_subscriber_import';
import * as migration_20261130_170304_erasure_address_hash from './20261130_170304_erasure_address_hash';
import * as migration_20261130_183122_desk_review_requests from './20261130_183122_desk_review_requests';
import * as migration_20261130_185552_content_checks from './20261130_185552_content_checks';
import * as migration_20261130_191019_discard_empty_drafts from './20261130_191019_discard_empty_drafts';
import * as migration_20261207_224435_rollback_record from './20261207_224435_rollback_record';
import * as migration_20261207_231226_encrypt_webhook_secrets from './20261207_231226_encrypt_webhook_secrets';
import * as migration_20261207_231804_withdrawn_webhook_calls from './20261207_231804_withdrawn_webhook_calls';
import * as migration_20261207_231823_erasure_withdraws_webhook_calls from './20261207_231823_erasure_withdraws_webhook_calls';

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
    up: migration_20261130_102601_newsletter_edge_journal.up,
    down: migration_20261130_102601_newsletter_edge_journal.down,
    name: '20261130_102601_newsletter_edge_journal',
  },
  {
    up: migration_20261130_113758_site_icon.up,
    down: migration_20261130_113758_site_icon.down,
    name: '20261130_113758_site_icon',
  },
  {
    up: migration_20261130_115536_warm_builder.up,
    down: migration_20261130_115536_warm_builder.down,
    name: '20261130_115536_warm_builder',
  },
  {
    up: migration_20261130_123653_security_and_sign_in_limits.up,
    down: migration_20261130_123653_security_and_sign_in_limits.down,
    name: '20261130_123653_security_and_sign_in_limits',
  },
  {
    up: migration_20261130_134547_subscriber_status_and_erasures.up,
    down: migration_20261130_134547_subscriber_status_and_erasures.down,
    name: '20261130_134547_subscriber_status_and_erasures',
  },
  {
    up: migration_20261130_142423_unsubscribe_links.up,
    down: migration_20261130_142423_unsubscribe_links.down,
    name: '20261130_142423_unsubscribe_links',
  },
  {
    up: migration_20261130_161316_subscriber_export_log.up,
    down: migration_20261130_161316_subscriber_export_log.down,
    name: '20261130_161316_subscriber_export_log',
  },
  {
    up: migration_20261130_163222_webhooks.up,
    down: migration_20261130_163222_webhooks.down,
    name: '20261130_163222_webhooks',
  },
  {
    up: migration_20261130_164212_subscriber_import.up,
    down: migration_20261130_164212_subscriber_import.down,
    name: '20261130_164212_subscriber_import',
  },
  {
    up: migration_20261130_170304_erasure_address_hash.up,
    down: migration_20261130_170304_erasure_address_hash.down,
    name: '20261130_170304_erasure_address_hash',
  },
  {
    up: migration_20261130_183122_desk_review_requests.up,
    down: migration_20261130_183122_desk_review_requests.down,
    name: '20261130_183122_desk_review_requests',
  },
  {
    up: migration_20261130_185552_content_checks.up,
    down: migration_20261130_185552_content_checks.down,
    name: '20261130_185552_content_checks',
  },
  {
    up: migration_20261130_191019_discard_empty_drafts.up,
    down: migration_20261130_191019_discard_empty_drafts.down,
    name: '20261130_191019_discard_empty_drafts',
  },
  {
    up: migration_20261207_224435_rollback_record.up,
    down: migration_20261207_224435_rollback_record.down,
    name: '20261207_224435_rollback_record',
  },
  {
    up: migration_20261207_231226_encrypt_webhook_secrets.up,
    down: migration_20261207_231226_encrypt_webhook_secrets.down,
    name: '20261207_231226_encrypt_webhook_secrets',
  },
  {
    up: migration_20261207_231804_withdrawn_webhook_calls.up,
    down: migration_20261207_231804_withdrawn_webhook_calls.down,
    name: '20261207_231804_withdrawn_webhook_calls',
  },
  {
    up: migration_20261207_231823_erasure_withdraws_webhook_calls.up,
    down: migration_20261207_231823_erasure_withdraws_webhook_calls.down,
    name: '20261207_231823_erasure_withdraws_webhook_calls'
  },
];
