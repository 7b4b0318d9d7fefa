import { type Kysely, type Migration, sql } from 'kysely';

/** The large values the ledger keeps: the platform's raw body and payload, each produced message, quarantined bytes. */
const LARGE_COLUMNS = [
  ['events', 'raw_body'],
  ['events', 'payload'],
  ['notifications', 'document'],
  ['quarantine', 'raw_body'],
] as const;

/**
 * Large values are compressed with lz4 instead of PostgreSQL's default pglz where the server has
 * lz4 (PostgreSQL 14+ built with it; Debian's is). Measured on the accept path: PostgreSQL CPU per
 * accepted hearing 0.35–0.42 ms with pglz, 0.26 ms with lz4 (BENCHMARKS.md). Only new values are
 * affected; nothing is rewritten. A server without lz4 (e.g. the embedded PGlite) keeps pglz.
 */
export const lz4CompressionMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!(await hasLz4(db))) return;
    for (const [table, column] of LARGE_COLUMNS) {
      await sql`alter table ${sql.id(table)} alter column ${sql.id(column)} set compression lz4`.execute(db);
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (!(await hasLz4(db))) return;
    for (const [table, column] of LARGE_COLUMNS) {
      await sql`alter table ${sql.id(table)} alter column ${sql.id(column)} set compression default`.execute(db);
    }
  },
};

async function hasLz4(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`
    select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
  return rows[0]?.lz4 === true;
}
