import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial.migration.js';
import { quarantineMigration } from './0002-quarantine.migration.js';
import { deliveryControlMigration } from './0003-delivery-control.migration.js';
import { shadowResultsMigration } from './0004-shadow-results.migration.js';
import { lz4CompressionMigration } from './0005-lz4-compression.migration.js';
import { leanNotificationIndexesMigration } from './0006-lean-notification-indexes.migration.js';
import { attemptsFinishedBrinMigration } from './0007-attempts-finished-brin.migration.js';
import { outboxClearRelayedMigration } from './0008-outbox-clear-relayed.migration.js';
import { reviewDecisionsMigration } from './0009-review-decisions.migration.js';
import { eventAmendmentsMigration } from './0010-event-amendments.migration.js';
import { groupedEscalationsMigration } from './0011-grouped-escalations.migration.js';
import { inboundNoncesMigration } from './0012-inbound-nonces.migration.js';

/**
 * Migrations are listed in code rather than scanned from a folder, so they survive bundling and
 * run the same from `dist/` or from source. Add new ones here; names sort lexically.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initialMigration,
  '0002-quarantine': quarantineMigration,
  '0003-delivery-control': deliveryControlMigration,
  '0004-shadow-results': shadowResultsMigration,
  '0005-lz4-compression': lz4CompressionMigration,
  '0006-lean-notification-indexes': leanNotificationIndexesMigration,
  '0007-attempts-finished-brin': attemptsFinishedBrinMigration,
  '0008-outbox-clear-relayed': outboxClearRelayedMigration,
  '0009-review-decisions': reviewDecisionsMigration,
  '0010-event-amendments': eventAmendmentsMigration,
  '0011-grouped-escalations': groupedEscalationsMigration,
  '0012-inbound-nonces': inboundNoncesMigration,
};

export class LedgerMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}
