import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { CodedError } from '../../domain/src/errors/problem.js';
import { ensureEmbeddedServer, otherSessions, runningServer, stopEmbeddedServer, type EmbeddedServer } from './embedded/embedded-server.js';
import { LedgerErrorCode, ledgerError, toLedgerError } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import { LedgerMigrationProvider } from './migrations/migration.provider.js';
import { PreparingPool } from './preparing-pool.js';

export interface OpenDatabaseOptions {
  /** postgres:// URL. Without one the ledger runs on the embedded PostgreSQL server under dataDir. */
  url?: string;
  /** Embedded default's data directory (default `./.data`); the cluster is `<dataDir>/postgres`. */
  dataDir?: string;
  /**
   * What close() does with an embedded server: `stop` (the bridge that owns it), or `if-idle`
   * (default: stop it only when this process started it and no other client is connected, so a
   * CLI run beside a bridge never stops the bridge's server).
   */
  embeddedOnClose?: 'stop' | 'if-idle' | 'keep';
  /** Schema for all ledger tables (created if missing); default is the server's search_path. */
  schema?: string;
  /** pg pool size (default 16). */
  poolSize?: number;
  /** Named server-side prepared statements (default true). Turn off behind PgBouncer transaction pooling. */
  preparedStatements?: boolean;
  /** Where the one start-up line goes (default console.warn). */
  log?: (line: string) => void;
}

export interface LedgerDatabase {
  db: Kysely<LedgerTables>;
  kind: 'postgres' | 'embedded';
  /** Connection URL (with the embedded server's generated password): other clients, e.g. BullMQ's PostgreSQL backend, use it. */
  url: string;
  /** For people: where the data really is. */
  location: string;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = './.data';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// int8 (counts, bigserial ids, sequences) as number, so counts are plain numbers everywhere.
const parseInt8 = (value: string): number => Number(value);

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<LedgerDatabase> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw ledgerError(LedgerErrorCode.InvalidConfig, `invalid ledger schema name "${schema}"`);
  }
  const log = options.log ?? ((line: string) => console.warn(line));
  let embedded: EmbeddedServer | undefined;
  if (!options.url) {
    embedded = await ensureEmbeddedServer({ dataDir: options.dataDir ?? process.env.CP_BRIDGE_DATA_DIR ?? DEFAULT_DATA_DIR });
    log(`ledger: no DATABASE_URL set, using embedded PostgreSQL in ${embedded.clusterDir} (port ${embedded.port}, ${embedded.startedHere ? 'started' : 'already running'})`);
  }
  const url = embedded?.url ?? options.url!;
  const db = openPostgres(url, options);
  try {
    await migrate(db, schema);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    const coded = toLedgerError(error);
    throw coded instanceof CodedError ? coded : ledgerError(LedgerErrorCode.MigrationFailed, `ledger migration failed: ${String(error)}`, error);
  }
  const location = embedded ? `embedded PostgreSQL in ${embedded.clusterDir} (127.0.0.1:${embedded.port})` : 'PostgreSQL at DATABASE_URL';
  // The owner keeps its server up: a server that dies under the bridge is started again on the same
  // port (PostgreSQL replays its WAL), and the pool's next connections find it.
  const supervisor = embedded && options.embeddedOnClose === 'stop' ? superviseEmbedded(embedded, log) : undefined;
  const release = async () => {
    supervisor?.stop();
    await db.destroy();
    if (!embedded) return;
    const policy = options.embeddedOnClose ?? 'if-idle';
    if (policy === 'stop' || (policy === 'if-idle' && embedded.startedHere && (await otherSessions(url).catch(() => 1)) === 0)) {
      await stopEmbeddedServer(embedded.dataDir);
    }
  };
  // Idempotent: shutdown hooks and tests may both close; pg's Pool.end() throws the second time.
  let closing: Promise<void> | undefined;
  return { db, kind: embedded ? 'embedded' : 'postgres', url, location, close: () => (closing ??= release()) };
}

function openPostgres(url: string, options: OpenDatabaseOptions): Kysely<LedgerTables> {
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
  return new Kysely<LedgerTables>({ dialect });
}

/**
 * Runs pending migrations under a session advisory lock, so processes starting together queue up
 * instead of racing on CREATE SCHEMA / kysely's own bookkeeping tables (which are created before
 * kysely takes its transaction lock). The lock is per schema: test schemas do not block each other.
 */
async function migrate(db: Kysely<LedgerTables>, schema: string | undefined): Promise<void> {
  const lockKey = `cp-bridge:ledger:migrate:${schema ?? 'default'}`;
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${lockKey}::text))`.execute(conn);
    try {
      if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(conn);
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

const SUPERVISE_EVERY_MS = 1000;

function superviseEmbedded(server: EmbeddedServer, log: (line: string) => void): { stop(): void } {
  let restarting = false;
  const timer = setInterval(() => {
    if (restarting || runningServer(server.clusterDir)) return;
    restarting = true;
    log(`ledger: embedded PostgreSQL in ${server.clusterDir} is gone (LEDGER.EMBEDDED_RESTARTED): starting it again on port ${server.port}`);
    ensureEmbeddedServer({ dataDir: server.dataDir, port: server.port })
      .then((again) => log(`ledger: embedded PostgreSQL back on port ${again.port}`))
      .catch((e: Error) => log(`ledger: embedded PostgreSQL could not be restarted (${e.message}); retrying`))
      .finally(() => (restarting = false));
  }, SUPERVISE_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
