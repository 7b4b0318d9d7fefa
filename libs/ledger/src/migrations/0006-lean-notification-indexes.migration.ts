import { type Kysely, type Migration, sql } from 'kysely';

/**
 * `notifications` is the hot table: every delivery updates a row twice (in-flight, then its
 * outcome), and a status change cannot be a HOT update, so each update writes a new entry into
 * every index whose predicate the new row satisfies. Three of its ten indexes did not earn that:
 *
 *  - `(status, partner)`: every status query is about open work, which the partial deadline and
 *    owed indexes already cover; listing is by `sequence`, not by this index.
 *  - the unique index on `message_id`: the message id partners deduplicate on is the notification
 *    id, so uniqueness now comes from the primary key and a check that the two are equal.
 *  - the b-tree on `created_at`: it serves day ranges (reconciliation counts), for which a BRIN
 *    index is enough — rows are inserted in time order, and BRIN costs nothing per update.
 *
 * Measured with `npm run bench:split` (BENCHMARKS.md). The check is added NOT VALID: rows written
 * before it were already unique by the old index, and every new row is checked.
 */
export const leanNotificationIndexesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table notifications add constraint notifications_message_id_is_id check (message_id = id) not valid`.execute(db);
    await sql`alter table notifications drop constraint notifications_message_id_key`.execute(db);
    await sql`drop index notifications_status_partner_idx`.execute(db);
    await sql`drop index notifications_created_idx`.execute(db);
    await sql`create index notifications_created_brin on notifications using brin (created_at)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop index notifications_created_brin`.execute(db);
    await sql`create index notifications_created_idx on notifications (created_at)`.execute(db);
    await sql`create index notifications_status_partner_idx on notifications (status, partner)`.execute(db);
    await sql`alter table notifications add constraint notifications_message_id_key unique (message_id)`.execute(db);
    await sql`alter table notifications drop constraint notifications_message_id_is_id`.execute(db);
  },
};
