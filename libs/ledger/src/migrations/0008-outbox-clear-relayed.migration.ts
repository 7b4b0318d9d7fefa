import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Since 26 November the outbox relay deletes the rows it takes instead of marking them relayed
 * (`claimOutbox`). Rows that earlier versions marked stayed for ever — nothing pruned them — so
 * this clears them once. The notifications are the record; a marked row was already enqueued, and
 * the reconciler never read marked rows, so nothing depends on them. Nothing to undo: a marked row
 * carried no information the notification does not.
 */
export const outboxClearRelayedMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`delete from outbox where relayed_at is not null`.execute(db);
  },
  async down(): Promise<void> {},
};
