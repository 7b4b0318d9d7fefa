import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The console's overview (refreshed every 10 s by each open console) counts today's
 * acknowledgements and draws the last 24 hours of attempts. Both read attempts by `finished_at`;
 * without an index that was a scan of every attempt ever made, growing with history. Attempts are
 * only ever appended, in time order, so a BRIN index serves the range at almost no write cost.
 */
export const attemptsFinishedBrinMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create index attempts_finished_brin on attempts using brin (finished_at)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop index attempts_finished_brin`.execute(db);
  },
};
