import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Delivery control (issue 4): why a notification is held behind its predecessor, each deadline
 * escalation fired exactly once, and the index the per-case order check needs.
 */
export const deliveryControlMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table notifications add column if not exists hold_reason text`.execute(db);
    await sql`
      create table if not exists escalations (
        notification_id text not null references notifications(id),
        level text not null,
        fired_at timestamptz not null default now(),
        primary key (notification_id, level)
      )`.execute(db);
    await sql`create index if not exists notifications_held_idx on notifications (order_key) where status = 'held'`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists escalations`.execute(db);
    await sql`alter table notifications drop column if exists hold_reason`.execute(db);
  },
};
