import { sql, type Kysely, type Migration } from 'kysely';

/*
 * Inbound messages we refused, kept with their exact bytes so an operator can see what arrived and
 * re-run it after a fix (`cp-bridge quarantine release`). One statement per execute (PGlite).
 */
const UP = [
  sql`create table quarantine (
    id text primary key,
    received_at timestamptz not null default now(),
    endpoint text not null,
    sender text not null,
    remote_addr text,
    layer text not null,
    code text not null,
    response_code integer,
    problems jsonb not null default '[]'::jsonb,
    request_id text,
    correlation_id text,
    raw_body bytea not null,
    raw_sha256 text not null,
    status text not null default 'quarantined' check (status in ('quarantined', 'released')),
    release_attempts integer not null default 0,
    released_at timestamptz,
    release_outcome jsonb
  )`,
  sql`create index quarantine_received_idx on quarantine (received_at)`,
  sql`create index quarantine_status_idx on quarantine (status, received_at)`,
];

export const quarantineMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of UP) await statement.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists quarantine`.execute(db);
  },
};
