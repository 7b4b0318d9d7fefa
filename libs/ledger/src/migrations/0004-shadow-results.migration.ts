import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Shadow runs (issue 5): for each notification of a partner that has a shadow version, what the
 * shadow would have produced compared with what the pinned version sent, difference by
 * difference (XPath for XML, JSON pointer for JSON). One row per notification and shadow
 * version, so retries of the same notification are counted once.
 */
export const shadowResultsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table if not exists shadow_results (
        notification_id text not null references notifications(id),
        partner text not null,
        pinned text not null,
        shadow text not null,
        differences jsonb not null default '[]'::jsonb,
        difference_count int not null,
        at timestamptz not null default now(),
        primary key (notification_id, shadow)
      )`.execute(db);
    await sql`create index if not exists shadow_results_partner_at_idx on shadow_results (partner, shadow, at desc)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists shadow_results`.execute(db);
  },
};
