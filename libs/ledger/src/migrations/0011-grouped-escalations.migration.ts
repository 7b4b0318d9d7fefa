import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Grouped escalation alerts (issue 22, item 7). Each notification still records each level once
 * in `escalations`; this table holds one row per alert group (partner, level, cause, error code):
 * how many notifications escalated into it since its last alert, and when that alert went out.
 * Kept in the ledger so that "at most one alert per group per interval" holds across every
 * worker running the escalator, and across restarts.
 */
export const groupedEscalationsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table if not exists escalation_alerts (
        partner text not null,
        level text not null,
        cause text not null,
        error_code text not null default '',
        pending integer not null default 0,
        last_alerted_at timestamptz,
        primary key (partner, level, cause, error_code)
      )`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists escalation_alerts`.execute(db);
  },
};
