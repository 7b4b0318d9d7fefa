import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { CodedError } from '../../domain/src/errors/problem.js';
import { LedgerErrorCode, ledgerError, toLedgerError } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import { LedgerMigrationProvider } from './migrations/migration.provider.js';
import { PreparingPool } from './preparing-pool.js';
import { PGliteDialect } from './pglite.dialect.js';

export interface OpenDatabaseOptions {
  /** postgres:// URL. Without one the ledger runs on embedded PGlite (single process only). */
  url?: string;
  /** PGlite data directory (default `./.data/pglite`); `memory://` keeps it in memory. */
  dataDir?: string;
  /** Schema for all ledger tables (created if missing); default is the server's search_path. */
  schema?: string;
  /** pg pool size (default 16). */
  poolSize?: number;
  /** Named server-side prepared statements (default true). Turn off behind PgBouncer transaction pooling. */
  preparedStatements?: boolean;
  /** Where the one start-up line goes (default console.warn: running without PostgreSQL deserves notice). */
  log?: (line: string) => void;
}

export interface LedgerDatabase {
  db: Kysely<LedgerTables>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const DEFAULT_DATA_DIR = './.data/pglite';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// int8 (counts, bigserial ids, sequences) as number in both drivers, so rows look the same either way.
const parseInt8 = (value: string): number => Number(value);

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<LedgerDatabase> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw ledgerError(LedgerErrorCode.InvalidConfig, `invalid ledger schema name "${schema}"`);
  }
  const log = options.log ?? ((line: string) => console.warn(line));
  const opened = options.url ? openPostgres(options.url, options) : await openPglite(options, log);
  try {
    await migrate(opened.db, schema, opened.kind);
  } catch (error) {
    await opened.db.destroy().catch(() => undefined);
    const coded = toLedgerError(error);
    throw coded instanceof CodedError ? coded : ledgerError(LedgerErrorCode.MigrationFailed, `ledger migration failed: ${String(error)}`, error);
  }
  // Idempotent: shutdown hooks and tests may both close; pg's Pool.end() throws the second time.
  let closing: Promise<void> | undefined;
  return { ...opened, close: () => (closing ??= opened.db.destroy()) };
}

function openPostgres(url: string, options: OpenDatabaseOptions): Omit<LedgerDatabase, 'close'> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 16,
    keepAlive: true,
    // Setting search_path at connect time (not per query) keeps every statement text schema-free.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client dying (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // A client checked out when the server dies emits 'error' on itself, not on the pool: without a
  // listener that kills the process. The query in progress still rejects (LEDGER.UNAVAILABLE) and
  // pg drops the broken client; the caller's retry gets a fresh connection.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const dialect = new PostgresDialect({
    pool: options.preparedStatements === false ? pool : new PreparingPool(pool),
  });
  return { db: new Kysely<LedgerTables>({ dialect }), kind: 'postgres' };
}

async function openPglite(
  options: OpenDatabaseOptions,
  log: (line: string) => void,
): Promise<Omit<LedgerDatabase, 'close'>> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir.startsWith('memory://');
  const where = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(where, { recursive: true });
  const client = new PGlite(where, { parsers: { [pgliteTypes.INT8]: parseInt8 } });
  await client.waitReady;
  log(`ledger: no DATABASE_URL set, using embedded PGlite at ${where} (one process only; set DATABASE_URL for PostgreSQL)`);
  return { db: new Kysely<LedgerTables>({ dialect: new PGliteDialect(client) }), kind: 'pglite' };
}

/**
 * Runs pending migrations under a session advisory lock, so processes starting together queue up
 * instead of racing on CREATE SCHEMA / kysely's own bookkeeping tables (which are created before
 * kysely takes its transaction lock). The lock is per schema: test schemas do not block each other.
 */
async function migrate(db: Kysely<LedgerTables>, schema: string | undefined, kind: LedgerDatabase['kind']): Promise<void> {
  const lockKey = `cp-bridge:ledger:migrate:${schema ?? 'default'}`;
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${lockKey}::text))`.execute(conn);
    try {
      if (schema) {
        await sql`create schema if not exists ${sql.id(schema)}`.execute(conn);
        // PGlite has one session for its lifetime, so a session-level SET is enough there.
        if (kind === 'pglite') await sql`set search_path to ${sql.id(schema)}`.execute(conn);
      }
      const migrator = new Migrator({
        db: conn,
        provider: new LedgerMigrationProvider(),
        // Migrations are added by separate features in parallel; order among unapplied ones does not matter.
        allowUnorderedMigrations: true,
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw ledgerError(LedgerErrorCode.MigrationFailed, `ledger migration ${failed} failed: ${String(error)}`, error);
      }
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${lockKey}::text))`.execute(conn);
    }
  });
}
