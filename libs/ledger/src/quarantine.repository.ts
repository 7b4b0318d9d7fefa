import { createHash, randomUUID } from 'node:crypto';
import type { ColumnType, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import { guard, LedgerErrorCode, ledgerError } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import { jsonb } from './notification-row.mapper.js';

type DbNow = ColumnType<Date, Date | string | undefined, Date | string>;

interface QuarantineTable {
  id: string;
  received_at: DbNow;
  endpoint: string;
  sender: string;
  remote_addr: string | null;
  layer: string;
  code: string;
  response_code: number | null;
  problems: ColumnType<unknown, unknown, unknown>;
  request_id: string | null;
  correlation_id: string | null;
  raw_body: Buffer;
  raw_sha256: string;
  status: ColumnType<'quarantined' | 'released', 'quarantined' | 'released' | undefined, 'quarantined' | 'released'>;
  release_attempts: ColumnType<number, number | undefined, number>;
  released_at: Date | null;
  release_outcome: ColumnType<unknown, unknown, unknown>;
}

interface Tables extends LedgerTables {
  quarantine: QuarantineTable;
}

export interface NewQuarantineEntry {
  readonly endpoint: string;
  /** Authenticated WS-Security username, or `unauthenticated`. */
  readonly sender: string;
  readonly remoteAddr?: string;
  /** Which layer refused it: transport, envelope, route-data, inner-message, translate, ledger. */
  readonly layer: string;
  readonly code: string;
  /** CJSE ResponseCode answered, when the refusal was a SubmitResponseMes (not a fault). */
  readonly responseCode?: number;
  readonly problems: readonly { code: string; path: string; message: string }[];
  readonly requestId?: string;
  readonly correlationId?: string;
  readonly raw: Buffer;
}

export interface QuarantineEntry extends Omit<NewQuarantineEntry, 'raw'> {
  readonly id: string;
  readonly receivedAt: Date;
  readonly rawSha256: string;
  readonly rawBytes: number;
  readonly status: 'quarantined' | 'released';
  readonly releaseAttempts: number;
  readonly releasedAt: Date | null;
  readonly releaseOutcome: unknown;
  /** Present only when asked for (show, release). */
  readonly raw?: Buffer;
}

export interface QuarantineFilter {
  status?: string;
  code?: string;
  sender?: string;
  limit?: number;
}

const SUMMARY = [
  'id', 'received_at', 'endpoint', 'sender', 'remote_addr', 'layer', 'code', 'response_code', 'problems', 'request_id',
  'correlation_id', 'raw_sha256', 'status', 'release_attempts', 'released_at', 'release_outcome',
] as const;

/** Rejected inbound messages with their exact bytes (migration 0002). */
export class QuarantineRepository {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<LedgerTables>) {
    this.db = db as unknown as Kysely<Tables>;
  }

  add(entry: NewQuarantineEntry): Promise<string> {
    const id = randomUUID();
    return guard(async () => {
      await this.db
        .insertInto('quarantine')
        .values({
          id,
          endpoint: entry.endpoint,
          sender: entry.sender,
          remote_addr: entry.remoteAddr ?? null,
          layer: entry.layer,
          code: entry.code,
          response_code: entry.responseCode ?? null,
          problems: jsonb(entry.problems),
          request_id: entry.requestId ?? null,
          correlation_id: entry.correlationId ?? null,
          raw_body: entry.raw,
          raw_sha256: createHash('sha256').update(entry.raw).digest('hex'),
        })
        .execute();
      return id;
    });
  }

  list(filter: QuarantineFilter = {}): Promise<QuarantineEntry[]> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    return guard(async () => {
      let q = this.db.selectFrom('quarantine').select(SUMMARY).select(sql<number>`octet_length(raw_body)`.as('raw_bytes'));
      if (filter.status) q = q.where('status', '=', filter.status as 'quarantined' | 'released');
      if (filter.code) q = q.where('code', '=', filter.code);
      if (filter.sender) q = q.where('sender', '=', filter.sender);
      const rows = await q.orderBy('received_at', 'desc').limit(limit).execute();
      return rows.map((r) => toEntry(r));
    });
  }

  get(id: string, withRaw = true): Promise<QuarantineEntry | undefined> {
    return guard(async () => {
      const row = await this.db
        .selectFrom('quarantine')
        .select(SUMMARY)
        .select(sql<number>`octet_length(raw_body)`.as('raw_bytes'))
        .select('raw_body')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return toEntry(row, withRaw ? Buffer.from(row.raw_body) : undefined);
    });
  }

  /** A release attempt: `released` when the re-run was accepted, otherwise it stays quarantined. */
  recordRelease(id: string, accepted: boolean, outcome: unknown): Promise<void> {
    return guard(async () => {
      const r = await this.db
        .updateTable('quarantine')
        .set((eb) => ({
          release_attempts: eb('release_attempts', '+', 1),
          release_outcome: jsonb(outcome),
          ...(accepted ? { status: 'released' as const, released_at: sql<Date>`now()` } : {}),
        }))
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw ledgerError(LedgerErrorCode.NotFound, `quarantine entry ${id} not found`);
    });
  }
}

type SummaryRow = Pick<Selectable<QuarantineTable>, (typeof SUMMARY)[number]> & { raw_bytes: number };

function toEntry(r: SummaryRow, raw?: Buffer): QuarantineEntry {
  return {
    id: r.id,
    receivedAt: r.received_at,
    endpoint: r.endpoint,
    sender: r.sender,
    ...(r.remote_addr ? { remoteAddr: r.remote_addr } : {}),
    layer: r.layer,
    code: r.code,
    ...(r.response_code !== null ? { responseCode: r.response_code } : {}),
    problems: (r.problems ?? []) as QuarantineEntry['problems'],
    ...(r.request_id ? { requestId: r.request_id } : {}),
    ...(r.correlation_id ? { correlationId: r.correlation_id } : {}),
    rawSha256: r.raw_sha256,
    rawBytes: Number(r.raw_bytes),
    status: r.status,
    releaseAttempts: r.release_attempts,
    releasedAt: r.released_at,
    releaseOutcome: r.release_outcome,
    ...(raw ? { raw } : {}),
  };
}
