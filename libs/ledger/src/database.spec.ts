import { LedgerMigrationProvider } from './migrations/migration.provider.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from './database.js';
import { runningServer, stopEmbeddedServer } from './embedded/embedded-server.js';
import { loadDispatchBatch, startAttempts } from './dispatch-batch.queries.js';
import { LedgerRepository } from './ledger.repository.js';
import { newEvent, TEST_DATABASE_URL, uniqueSchema } from './ledger.test-harness.js';

const quiet = () => undefined;

describe('openDatabase on PostgreSQL', () => {
  const schema = uniqueSchema();

  afterAll(async () => {
    const admin = await openDatabase({ url: TEST_DATABASE_URL, schema, log: quiet });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  });

  it('lets racing openers migrate a fresh schema exactly once, and reopening is a no-op', async () => {
    const openers = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 2, log: quiet })),
    );
    const reopened = await openDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 2, log: quiet });
    try {
      expect(openers.map((o) => o.kind)).toEqual(['postgres', 'postgres', 'postgres', 'postgres']);
      const { rows } = await sql<{ name: string }>`select name from ${sql.table(`${schema}.kysely_migration`)}`.execute(reopened.db);
      expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(await new LedgerMigrationProvider().getMigrations()).sort());
      // Tables landed in the requested schema, not in public.
      const { rows: tables } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = ${schema} order by 1`.execute(reopened.db);
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['attempts', 'audit_log', 'events', 'notifications', 'outbox']),
      );
    } finally {
      await Promise.all([...openers, reopened].map((o) => o.close()));
      await reopened.close(); // a second close is harmless
    }
  });

  it('names parameterised statements so each connection plans them once, except those planned per run', async () => {
    const database = await openDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 1, log: quiet });
    try {
      const { prepared, plan } = await database.db.connection().execute(async (conn) => {
        await new LedgerRepository(conn).listNotifications({ partner: 'x' });
        for (let i = 0; i < 8; i++) await loadDispatchBatch(conn, [`n-${i}`]);
        // Planned per run (operators' and tests' path): never named.
        for (let i = 0; i < 2; i++) await startAttempts(conn, [`n-${i}`]);
        const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn);
        // The claim/load batch is named since 26 November. Whatever plan PostgreSQL caches for it, the
        // generic one included, must not scan events (the plan the ADR 0005 addendum caught).
        const claim = rows.find((r) => r.statement.includes('row_number() over (partition by n.event_id'));
        await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
        const explained = await sql<{ 'QUERY PLAN': string }>`explain execute ${sql.raw(claim?.name ?? 'missing')}('{}'::text[], '{n-1,n-2,n-3}'::text[], true, '{pending,retrying,in-flight}'::text[])`.execute(conn);
        await sql`reset plan_cache_mode`.execute(conn);
        return { prepared: rows, plan: explained.rows.map((r) => r['QUERY PLAN']).join('\n') };
      });
      expect(prepared.some((r) => r.name.startsWith('ledger_'))).toBe(true);
      expect(prepared.filter((r) => r.statement.includes('row_number() over (partition by n.event_id'))).toHaveLength(1);
      expect(prepared.filter((r) => r.statement.includes('plan-per-run'))).toEqual([]);
      expect(plan).toContain('Index Scan using events_pkey on events');
      // (notifications may be scanned here: the test table is nearly empty, and a cached plan is
      // rebuilt when autovacuum analyzes a table that has grown.)
      expect(plan).not.toMatch(/Seq Scan on events|Hash.*\n.*events/);
    } finally {
      await database.close();
    }
    const unprepared = await openDatabase({ url: TEST_DATABASE_URL, schema, preparedStatements: false, log: quiet });
    try {
      await expect(new LedgerRepository(unprepared.db).listNotifications({ partner: 'x' })).resolves.toEqual([]);
    } finally {
      await unprepared.close();
    }
  });

  it('stores large values with lz4 where the server has it, and they read back intact', async () => {
    const database = await openDatabase({ url: TEST_DATABASE_URL, schema, log: quiet });
    try {
      const { rows: lz4 } = await sql<{ has: boolean }>`select 'lz4' = any(enumvals) as has from pg_settings where name = 'default_toast_compression'`.execute(database.db);
      const { rows: cols } = await sql<{ column: string; compression: string }>`
        select c.relname || '.' || a.attname as column, a.attcompression::text as compression
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace ns on ns.oid = c.relnamespace
        where ns.nspname = ${schema} and (c.relname, a.attname) in (('events', 'raw_body'), ('events', 'payload'), ('notifications', 'document'), ('quarantine', 'raw_body'))
        order by 1`.execute(database.db);
      expect(cols.map((c) => [c.column, c.compression])).toEqual(
        ['events.payload', 'events.raw_body', 'notifications.document', 'quarantine.raw_body'].map((c) => [c, lz4[0]?.has ? 'l' : '']),
      );
      const big = newEvent({ rawBody: JSON.stringify({ hearing: { id: 'h' }, pad: 'x'.repeat(20_000) }), payload: { pad: 'é'.repeat(20_000) } });
      await new LedgerRepository(database.db).acceptEvent(big);
      const { rows } = await sql<{ raw_body: string; payload: unknown; method: string | null }>`
        select raw_body, payload, pg_column_compression(raw_body) as method from events where id = ${big.eventId}`.execute(database.db);
      expect(rows[0]).toEqual({ raw_body: big.rawBody, payload: big.payload, method: lz4[0]?.has ? 'lz4' : 'pglz' });
    } finally {
      await database.close();
    }
  });

  it('reports an unreachable server as LEDGER.UNAVAILABLE and a bad schema name plainly', async () => {
    await expect(openDatabase({ url: 'postgres://postgres@127.0.0.1:1/test', log: quiet })).rejects.toMatchObject({
      code: 'LEDGER.UNAVAILABLE',
    });
    await expect(openDatabase({ url: TEST_DATABASE_URL, schema: 'Robert"); drop', log: quiet })).rejects.toMatchObject({
      code: 'LEDGER.INVALID_CONFIG',
    });
  });
});

describe('openDatabase on the embedded PostgreSQL server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-embedded-'));
  afterAll(async () => {
    await stopEmbeddedServer(dataDir).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('initialises a cluster under dataDir, persists across reopen, migrates once and says where it is', async () => {
    const lines: string[] = [];
    const first = await openDatabase({ dataDir, log: (l) => lines.push(l) });
    expect(first.kind).toBe('embedded');
    expect(first.location).toContain(join(dataDir, 'postgres'));
    const event = newEvent();
    await new LedgerRepository(first.db).acceptEvent(event);
    // A second client beside the first (a CLI beside the bridge) shares the one server.
    const second = await openDatabase({ dataDir, log: (l) => lines.push(l) });
    expect(second.url).toBe(first.url);
    await expect(new LedgerRepository(second.db).acceptEvent(event)).resolves.toMatchObject({ created: false, eventId: event.eventId });
    await second.close();
    expect(runningServer(join(dataDir, 'postgres'))).toBeDefined(); // the second did not start it: not its to stop
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(first.db);
    expect(rows).toHaveLength(Object.keys(await new LedgerMigrationProvider().getMigrations()).length);
    const fsync = await sql<{ fsync: string }>`show fsync`.execute(first.db);
    expect(fsync.rows[0]?.fsync).toBe('on');
    await first.close(); // started it, nobody else connected: stopped
    expect(runningServer(join(dataDir, 'postgres'))).toBeUndefined();
    expect(lines[0]).toMatch(new RegExp(`embedded PostgreSQL in ${join(dataDir, 'postgres')} .*started`));
    expect(lines[1]).toMatch(/already running/);

    const reopened = await openDatabase({ dataDir, log: quiet, embeddedOnClose: 'stop' });
    try {
      await expect(new LedgerRepository(reopened.db).acceptEvent(event)).resolves.toMatchObject({ created: false });
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it('the owner starts its server again when it dies under it, on the same port, and carries on', async () => {
    const lines: string[] = [];
    const database = await openDatabase({ dataDir, log: (l) => lines.push(l), embeddedOnClose: 'stop' });
    try {
      const event = newEvent();
      await new LedgerRepository(database.db).acceptEvent(event);
      const before = runningServer(join(dataDir, 'postgres'))!;
      process.kill(before.pid, 'SIGKILL');
      const deadline = Date.now() + 60_000;
      let answered: unknown;
      while (Date.now() < deadline && !answered) {
        answered = await new LedgerRepository(database.db).acceptEvent(event).catch(() => undefined);
        if (!answered) await new Promise((r) => setTimeout(r, 250));
      }
      expect(answered).toMatchObject({ created: false, eventId: event.eventId });
      const after = runningServer(join(dataDir, 'postgres'))!;
      expect(after.pid).not.toBe(before.pid);
      expect(after.port).toBe(before.port);
      expect(lines.some((l) => l.includes('LEDGER.EMBEDDED_RESTARTED'))).toBe(true);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('keeps committed work when the server process is killed, and a restart recovers it', async () => {
    const database = await openDatabase({ dataDir, log: quiet, embeddedOnClose: 'keep' });
    const event = newEvent();
    await new LedgerRepository(database.db).acceptEvent(event);
    const server = runningServer(join(dataDir, 'postgres'));
    expect(server).toBeDefined();
    process.kill(server!.pid, 'SIGKILL');
    await database.close();
    // Children of a SIGKILLed postmaster linger briefly; the next start waits for them and runs crash recovery.
    const again = await openDatabase({ dataDir, log: quiet, embeddedOnClose: 'stop' });
    try {
      await expect(new LedgerRepository(again.db).acceptEvent(event)).resolves.toMatchObject({ created: false, eventId: event.eventId });
    } finally {
      await again.close();
    }
  }, 120_000);
});
