import type { Kysely } from 'kysely';
import { type AttemptRecord, claimDispatchBatch, type DispatchClaim, type DispatchLoad, loadDispatchBatch, recordAttempts, startAttempts } from './dispatch-batch.queries.js';
import type { LedgerTables } from './ledger.tables.js';
import type { AttemptInput, AttemptNextStatus, DispatchNotification, RecordAttemptResult } from './ledger.types.js';
import { MicroBatcher } from './micro-batcher.js';

export type { DispatchClaim, DispatchLoad } from './dispatch-batch.queries.js';

/** What a delivery needs from the ledger: load it, count the attempt, record the outcome. */
export interface DispatchStore {
  load(id: string): Promise<DispatchLoad | undefined>;
  /** Load and, when it may go now, count the attempt — one statement (see `claimDispatchBatch`). */
  claim(id: string): Promise<DispatchClaim | undefined>;
  startAttempt(id: string): Promise<number>;
  /** Acknowledgement also releases held successors in the same commit. */
  recordAttempt(id: string, attempt: AttemptInput, next: AttemptNextStatus): Promise<RecordAttemptResult>;
}

export interface BatchedDispatchStoreOptions {
  /** Most notifications one statement handles (default 200). */
  readonly maxBatch?: number;
  /** Statements of each kind in flight at once (default 2). */
  readonly maxConcurrent?: number;
  /**
   * While deliveries are arriving faster than one per window, each statement waits this long for
   * company (default 10 ms; 0 = never wait). A quiet worker does not wait at all. See ADR 0005.
   */
  readonly windowMs?: number;
  /** Parsed events kept for the next notifications of the same hearing (default 256). */
  readonly eventCacheSize?: number;
}

/**
 * The worker's ledger access for deliveries: concurrent jobs share statements (one round trip and
 * one commit per batch instead of per delivery), and each hearing's event is fetched and parsed
 * once for all its notifications. Every caller still waits for the commit holding its own record:
 * nothing is acknowledged to BullMQ before the ledger has it.
 */
export class BatchedDispatchStore implements DispatchStore {
  private readonly loads: MicroBatcher<string, DispatchLoad | undefined>;
  private readonly claims: MicroBatcher<string, DispatchClaim | undefined>;
  private readonly starts: MicroBatcher<string, number>;
  private readonly records: MicroBatcher<AttemptRecord, RecordAttemptResult>;
  /** event id → parsed payload, least recently used first. Events are immutable once stored. */
  private readonly events = new Map<string, unknown>();

  constructor(
    private readonly db: Kysely<LedgerTables>,
    private readonly opts: BatchedDispatchStoreOptions = {},
  ) {
    const batching = { maxBatch: opts.maxBatch ?? 200, windowMs: opts.windowMs ?? 10, lingerWhenBusy: true, maxConcurrent: opts.maxConcurrent ?? 2 };
    this.loads = new MicroBatcher((ids) => this.loadBatch(ids, loadDispatchBatch), batching);
    // A notification claimed twice in one statement would be counted once: never share a run.
    this.claims = new MicroBatcher((ids) => this.loadBatch(ids, claimDispatchBatch), { ...batching, keyOf: (id) => id });
    this.starts = new MicroBatcher((ids) => startAttempts(db, ids), { ...batching, keyOf: (id) => id });
    this.records = new MicroBatcher((rs) => recordAttempts(db, rs), { ...batching, keyOf: (r) => r.id });
  }

  load(id: string): Promise<DispatchLoad | undefined> {
    return this.loads.submit(id);
  }

  claim(id: string): Promise<DispatchClaim | undefined> {
    return this.claims.submit(id);
  }

  startAttempt(id: string): Promise<number> {
    return this.starts.submit(id);
  }

  recordAttempt(id: string, attempt: AttemptInput, next: AttemptNextStatus): Promise<RecordAttemptResult> {
    return this.records.submit({ id, attempt, next });
  }

  private async loadBatch<T extends DispatchLoad<DispatchNotification>>(ids: readonly string[], query: (db: Kysely<LedgerTables>, ids: readonly string[], cached: readonly string[]) => Promise<(T | undefined)[]>): Promise<(T | undefined)[]> {
    // A snapshot: another batch may evict an event while this one is out.
    const known = new Map(this.events);
    const loaded = await query(this.db, ids, [...known.keys()]);
    const fresh = new Map<string, unknown>();
    for (const l of loaded) if (l && !l.payloadOmitted) fresh.set(l.notification.eventId, l.payload);
    for (const [eventId, payload] of fresh) this.remember(eventId, payload);
    return loaded.map((l) => {
      if (!l?.payloadOmitted) return l;
      const eventId = l.notification.eventId;
      const payload = fresh.has(eventId) ? fresh.get(eventId) : known.get(eventId);
      this.touch(eventId);
      const { payloadOmitted: _omitted, ...rest } = l;
      // T without payloadOmitted and with the payload filled in is still a T (the flag is optional).
      return { ...rest, payload } as unknown as T;
    });
  }

  private remember(eventId: string, payload: unknown): void {
    this.events.delete(eventId);
    this.events.set(eventId, payload);
    const max = this.opts.eventCacheSize ?? 256;
    while (this.events.size > max) this.events.delete(this.events.keys().next().value!);
  }

  private touch(eventId: string): void {
    if (this.events.has(eventId)) this.remember(eventId, this.events.get(eventId));
  }
}
