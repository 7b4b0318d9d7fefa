import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { openDatabase, type LedgerDatabase } from './database.js';
import type { LedgerTables } from './ledger.tables.js';
import type { AcceptEventInput, NewNotification } from './ledger.types.js';

/** Test-only helpers shared by the ledger specs (not exported from index.ts). */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Specs once ran on PGlite too; it left every runtime path (ADR 0013), so PostgreSQL is the one backend. */
export type BackendKind = 'postgres';

export const uniqueSchema = (): string => `ledger_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export interface TestDatabase extends LedgerDatabase {
  dispose(): Promise<void>;
}

/** A throwaway schema, dropped on dispose. */
export async function openTestDatabase(_kind: BackendKind = 'postgres'): Promise<TestDatabase> {
  const quiet = () => undefined;
  const schema = uniqueSchema();
  const database = await openDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 24, log: quiet });
  return {
    ...database,
    dispose: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
    },
  };
}

export function newNotification(overrides: Partial<NewNotification> = {}): NewNotification {
  const id = randomUUID();
  return {
    id,
    partner: 'police',
    contract: 'police-results',
    contractVersion: 'v1',
    status: 'pending',
    caseId: 'case-1',
    caseUrn: '01AB2345678',
    defendantId: 'def-1',
    orderKey: 'police|case-1|def-1',
    criticality: 'high',
    deadlineAt: new Date(Date.now() + 3_600_000),
    messageId: id,
    ...overrides,
  };
}

export function newEvent(overrides: Partial<AcceptEventInput> = {}): AcceptEventInput {
  const eventId = randomUUID();
  const rawBody = `{"hearing":{"id":"h-${eventId}"},"note":"é ü \\u00e9  spaces kept"}`;
  return {
    eventId,
    hearingId: `h-${eventId}`,
    bodyHash: `sha256-${eventId}`,
    rawBody,
    payload: { hearing: { id: `h-${eventId}` }, list: [1, 2, 3] },
    source: 'hearing-resulted',
    receivedAt: new Date(),
    notifications: [newNotification(), newNotification({ partner: 'probation', status: 'needs-review', reviewReason: 'no PNC id' })],
    ...overrides,
  };
}

/** How many rows of `table` have `column` = `value`. */
export async function countRows(db: Kysely<LedgerTables>, table: 'events' | 'notifications' | 'outbox', column: string, value: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column as never, '=', value as never)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
