import { sql, type Kysely, type Migration } from 'kysely';

/*
 * One statement per execute: PGlite runs parameterised/extended-protocol queries, which reject
 * multi-statement strings. Names are unqualified so the connection's search_path picks the schema.
 */
const UP = [
  sql`create table events (
    id text primary key,
    hearing_id text not null,
    body_hash text not null unique,
    raw_body text not null,
    payload jsonb not null,
    source text not null,
    received_at timestamptz not null
  )`,
  sql`create index events_hearing_idx on events (hearing_id)`,

  sql`create table notifications (
    id text primary key,
    event_id text not null references events (id),
    partner text not null,
    contract text not null,
    contract_version text not null,
    status text not null check (status in
      ('pending', 'in-flight', 'acknowledged', 'retrying', 'parked', 'needs-review', 'held')),
    needs_review boolean not null default false,
    review_reason text,
    case_id text not null,
    case_urn text,
    defendant_id text not null,
    order_key text not null,
    sequence bigint generated always as identity,
    criticality text not null,
    deadline_at timestamptz not null,
    attempts integer not null default 0,
    last_error_code text,
    last_error_message text,
    ack_ref text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    acknowledged_at timestamptz,
    parked_at timestamptz,
    message_id text not null unique,
    document text
  )`,
  sql`create index notifications_event_idx on notifications (event_id)`,
  sql`create index notifications_status_partner_idx on notifications (status, partner)`,
  sql`create index notifications_order_idx on notifications (order_key, sequence)`,
  sql`create index notifications_deadline_idx on notifications (deadline_at)
    where status <> 'acknowledged'`,
  // The reconciler scans only what is still owed, so a partial index keeps it small.
  sql`create index notifications_owed_idx on notifications (updated_at)
    where status in ('pending', 'retrying', 'in-flight')`,
  sql`create index notifications_created_idx on notifications (created_at)`,
  sql`create index notifications_case_urn_idx on notifications (case_urn)`,

  sql`create table attempts (
    id bigserial primary key,
    notification_id text not null references notifications (id),
    attempt_no integer not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    outcome text not null check (outcome in ('success', 'transport', 'contract', 'business')),
    error_code text,
    error_message text,
    ack_ref text,
    duration_ms integer not null
  )`,
  sql`create index attempts_notification_idx on attempts (notification_id, attempt_no)`,
  // Backstop for the idempotent-ack rule enforced in recordAttempt: one success per notification.
  sql`create unique index attempts_one_success_idx on attempts (notification_id)
    where outcome = 'success'`,

  sql`create table outbox (
    id bigserial primary key,
    notification_id text not null references notifications (id),
    partner text not null,
    created_at timestamptz not null default now(),
    relayed_at timestamptz
  )`,
  sql`create index outbox_unrelayed_idx on outbox (id) where relayed_at is null`,

  sql`create table audit_log (
    id bigserial primary key,
    at timestamptz not null default now(),
    actor text not null,
    action text not null,
    detail jsonb not null default '{}'::jsonb
  )`,
  sql`create index audit_log_at_idx on audit_log (at)`,
];

const DOWN = ['audit_log', 'outbox', 'attempts', 'notifications', 'events'];

export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of UP) await statement.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of DOWN) await sql`drop table if exists ${sql.table(table)}`.execute(db);
  },
};
