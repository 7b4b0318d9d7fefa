import { sql, type Kysely, type Migration } from 'kysely';

/*
 * Amendments (issue 22 item 5, ADR 0012). A later share of a hearing (a new sharedTime) supersedes
 * the share before it: the event records when the platform shared it and which event it
 * supersedes. Where a partner's mapped output did not change, no notification is owed: the
 * decision is recorded instead, so "why was nothing sent?" has an answer in the ledger.
 * Events recorded before this migration have no shared_time: a later share of their hearing is
 * treated as a first share (everything sent), the safe direction. No new index on the hot table:
 * the predecessor lookup goes through events_hearing_idx (hearing_id). One statement per execute.
 */
const UP = [
  sql`alter table events add column shared_time timestamptz`,
  sql`alter table events add column supersedes_event_id text references events (id)`,
  // The earlier share this notification's partner was already told about: its contract may send a
  // variation rather than a new order (electronic monitoring). No FK or index: the hot table stays lean (ADR 0006).
  sql`alter table notifications add column amends_event_id text`,
  sql`create table amendment_decisions (
    id bigserial primary key,
    event_id text not null references events (id),
    supersedes_event_id text not null references events (id),
    partner text not null,
    contract text not null,
    contract_version text not null,
    case_id text not null,
    defendant_id text not null,
    decision text not null check (decision in ('no-change')),
    reason text not null,
    decided_at timestamptz not null default now()
  )`,
  sql`create index amendment_decisions_event_idx on amendment_decisions (event_id)`,
];

export const eventAmendmentsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of UP) await statement.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists amendment_decisions`.execute(db);
    await sql`alter table notifications drop column if exists amends_event_id`.execute(db);
    await sql`alter table events drop column if exists supersedes_event_id`.execute(db);
    await sql`alter table events drop column if exists shared_time`.execute(db);
  },
};
