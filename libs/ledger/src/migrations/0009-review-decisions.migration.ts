import { type Kysely, type Migration, sql } from 'kysely';

const STATUSES_BEFORE = `'pending', 'in-flight', 'acknowledged', 'retrying', 'parked', 'needs-review', 'held'`;
const STATUSES_AFTER = `${STATUSES_BEFORE}, 'dismissed'`;

/**
 * Review is a person's decision (issue 22, ADR 0011): a needs-review notification is sent (back to
 * pending, then the normal path) or dismissed with a reason. `dismissed` is a new final status; the
 * decision (who, when, why) is one row per notification — the primary key is the backstop for
 * "exactly one decision wins", the conditional UPDATE on the notification the rule. The evidence
 * the routing rule found (which result, prompt or wording, by JSON path) is kept on the
 * notification, so the person deciding sees what the rule saw, not what today's rules would say.
 *
 * The status check is replaced NOT VALID then validated: validation takes only a SHARE UPDATE
 * EXCLUSIVE lock, so deliveries keep writing while the table is scanned.
 */
export const reviewDecisionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table notifications add column if not exists review_evidence jsonb`.execute(db);
    await sql`alter table notifications drop constraint if exists notifications_status_check`.execute(db);
    await sql`alter table notifications add constraint notifications_status_check check (status in (${sql.raw(STATUSES_AFTER)})) not valid`.execute(db);
    await sql`alter table notifications validate constraint notifications_status_check`.execute(db);
    await sql`
      create table if not exists review_decisions (
        notification_id text primary key references notifications(id),
        decision text not null check (decision in ('send', 'dismiss')),
        reason text,
        decided_by text not null,
        decided_at timestamptz not null default now(),
        check (decision = 'send' or length(trim(reason)) > 0)
      )`.execute(db);
    // The review list reads only what awaits a person: a small partial index, untouched by deliveries.
    await sql`create index if not exists notifications_review_idx on notifications (created_at) where status = 'needs-review'`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop index if exists notifications_review_idx`.execute(db);
    await sql`drop table if exists review_decisions`.execute(db);
    await sql`alter table notifications drop constraint if exists notifications_status_check`.execute(db);
    await sql`alter table notifications add constraint notifications_status_check check (status in (${sql.raw(STATUSES_BEFORE)})) not valid`.execute(db);
    await sql`alter table notifications drop column if exists review_evidence`.execute(db);
  },
};
