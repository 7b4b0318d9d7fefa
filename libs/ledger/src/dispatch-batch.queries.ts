import { type Kysely, sql } from 'kysely';
import type { Blocker } from './delivery-control.repository.js';
import { guard, LedgerErrorCode, ledgerError } from './ledger.errors.js';
import type { LedgerTables, NotificationStatus } from './ledger.tables.js';
import type { AttemptInput, AttemptNextStatus, DispatchItem, DispatchNotification, NotificationRecord, RecordAttemptResult } from './ledger.types.js';
import { PLAN_PER_RUN } from './preparing-pool.js';
import { DISPATCH_COLUMNS, type DispatchRow, RECORD_COLUMNS, type RecordRow, toDispatchNotification, toRecord } from './notification-row.mapper.js';

/*
 * The statements a delivery needs — claim (load + count the attempt) and record — each written for
 * many notifications at once so a worker pays one round trip (and at most one commit) per batch
 * instead of per delivery. Load alone and start alone remain for operators and tests. The
 * single-item methods of LedgerRepository call these with a batch of one: one definition of each rule.
 */

export interface DispatchLoad<N extends DispatchNotification = NotificationRecord> extends DispatchItem<N> {
  /** The earliest earlier notification for the same partner, case and defendant not yet acknowledged (nor dismissed). */
  readonly blocker?: Blocker;
  /** Set when the payload was left out because the caller already holds this event. */
  readonly payloadOmitted?: boolean;
}

export interface AttemptRecord {
  readonly id: string;
  readonly attempt: AttemptInput;
  readonly next: AttemptNextStatus;
}

/** For the start-only statement (operators, tests): planned per run. Claim and record are named (ADR 0005, addendum 2). */
const PLAN = sql.raw(PLAN_PER_RUN);
const DISPATCHABLE: NotificationStatus[] = ['pending', 'retrying', 'in-flight'];
const columns = (names: readonly string[]) => sql.raw(names.map((c) => `n.${c}`).join(', '));
/**
 * A load (operators, tests) counts nothing and reads the whole record; a worker's claim counts the
 * attempt and reads only what a delivery uses.
 */
const LOAD = { claim: false, columns: columns(RECORD_COLUMNS), toNotification: toRecord };
const CLAIM = { claim: true, columns: columns(DISPATCH_COLUMNS), toNotification: toDispatchNotification };

type Extra = { payload: unknown; omitted: boolean; blocker_id: string | null; blocker_status: string | null; claimed_attempts?: number | null };

/** One answer per requested id, in request order; undefined where the ledger has no such notification. */
function inOrder<R extends { id: string }, N extends DispatchNotification>(ids: readonly string[], rows: readonly (R & Extra)[], toNotification: (row: R) => N): ((DispatchLoad<N> & { attemptNo?: number }) | undefined)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) return undefined;
    const { payload, omitted, blocker_id, blocker_status, claimed_attempts, ...record } = r;
    return {
      notification: toNotification(record as unknown as R),
      payload,
      ...(omitted ? { payloadOmitted: true } : {}),
      ...(blocker_id ? { blocker: { id: blocker_id, status: blocker_status! } } : {}),
      ...(typeof claimed_attempts === 'number' ? { attemptNo: claimed_attempts } : {}),
    };
  });
}

/**
 * Loads notifications for dispatch with their per-case blocker, counting nothing (the read half of
 * `claimDispatchBatch`). The event payload comes once per event in the batch, and not at all for
 * events in `cachedEventIds` (the caller has them parsed).
 */
export function loadDispatchBatch(db: Kysely<LedgerTables>, ids: readonly string[], cachedEventIds: readonly string[] = []): Promise<(DispatchLoad | undefined)[]> {
  return dispatchBatch<RecordRow, NotificationRecord>(db, ids, cachedEventIds, LOAD);
}

export interface DispatchClaim extends DispatchLoad<DispatchNotification> {
  /** The attempt this delivery is: set when the notification was dispatchable and nothing held it back. */
  readonly attemptNo?: number;
}

/**
 * Load and start in one statement: what `loadDispatchBatch` returns, and for each notification
 * that is dispatchable with no unfinished predecessor the attempt is counted and it is marked
 * in-flight in the same commit. A final or blocked one comes back unchanged (no attempt used).
 * A row changed by a concurrent statement between the read and the update is re-checked by the
 * update (READ COMMITTED) and comes back without an attempt number.
 */
export function claimDispatchBatch(db: Kysely<LedgerTables>, ids: readonly string[], cachedEventIds: readonly string[] = []): Promise<(DispatchClaim | undefined)[]> {
  return dispatchBatch<DispatchRow, DispatchNotification>(db, ids, cachedEventIds, CLAIM);
}

function dispatchBatch<R extends { id: string }, N extends DispatchNotification>(
  db: Kysely<LedgerTables>,
  ids: readonly string[],
  cachedEventIds: readonly string[],
  shape: { readonly claim: boolean; readonly columns: ReturnType<typeof columns>; readonly toNotification: (row: R) => N },
): Promise<((DispatchLoad<N> & { attemptNo?: number }) | undefined)[]> {
  return guard(async () => {
    // Named (planned once per connection) since 26 November: the payload is a lookup by primary key
    // rather than a join, so no plan, generic or not, can scan `events` — the plan the ADR 0005
    // addendum caught — and planning per run had cost 50 µs per delivery (BENCHMARKS.md).
    const { rows } = await sql<R & Extra>`
      with o as (
        select n.*, (n.event_id = any(${[...cachedEventIds]}::text[]) or row_number() over (partition by n.event_id order by n.id) > 1) as omitted
        from notifications n where n.id = any(${[...ids]}::text[])
      ), b as (
        select o.id, p.id as blocker_id, p.status as blocker_status from o
        left join lateral (
          select p.id, p.status from notifications p
          where p.order_key = o.order_key and p.sequence < o.sequence and p.status <> 'acknowledged' and p.status <> 'dismissed'
          order by p.sequence limit 1
        ) p on true
      ), c as (
        update notifications n set attempts = n.attempts + 1, status = 'in-flight', updated_at = now()
        from b where ${shape.claim}::boolean and n.id = b.id and b.blocker_id is null and n.status = any(${DISPATCHABLE}::text[])
        returning n.id, n.attempts
      )
      select ${shape.columns}, n.omitted, case when n.omitted then null else (select e.payload from events e where e.id = n.event_id) end as payload,
        b.blocker_id, b.blocker_status, c.attempts as claimed_attempts
      from o n
      join b on b.id = n.id
      left join c on c.id = n.id`.execute(db);
    return inOrder(ids, rows, shape.toNotification);
  });
}

/** Counts an attempt and marks each notification in-flight; per id the attempt number or a coded error. */
export function startAttempts(db: Kysely<LedgerTables>, ids: readonly string[]): Promise<(number | Error)[]> {
  return guard(async () => {
    const { rows } = await sql<{ id: string; attempts: number }>`${PLAN}
      update notifications set attempts = attempts + 1, status = 'in-flight', updated_at = now()
      where id = any(${[...ids]}::text[]) and status = any(${DISPATCHABLE}::text[])
      returning id, attempts`.execute(db);
    const started = new Map(rows.map((r) => [r.id, r.attempts]));
    const missing = ids.filter((id) => !started.has(id));
    const current = missing.length ? await statuses(db, missing) : new Map<string, string>();
    return ids.map((id) => {
      const n = started.get(id);
      if (n !== undefined) return n;
      const status = current.get(id);
      return status === undefined
        ? ledgerError(LedgerErrorCode.NotFound, `notification ${id} not found`)
        : ledgerError(LedgerErrorCode.NotDispatchable, `notification ${id} is ${status}; only ${DISPATCHABLE.join('/')} may be attempted`);
    });
  });
}

/**
 * Records attempts and moves each notification on, in one statement (one commit). Acknowledged is
 * final: a repeated ack writes nothing; a late failure after an ack is kept in the attempt history
 * without changing the status. An acknowledgement releases the successors held behind it (back to
 * pending with a fresh outbox row) in the same commit. Ids must be unique within a batch.
 */
export async function recordAttempts(db: Kysely<LedgerTables>, records: readonly AttemptRecord[]): Promise<(RecordAttemptResult | Error)[]> {
  const invalid = (r: AttemptRecord) => (r.attempt.outcome === 'success') !== (r.next === 'acknowledged');
  const valid = records.filter((r) => !invalid(r));
  const results = valid.length ? await recordValid(db, valid) : new Map<string, RecordAttemptResult | Error>();
  return records.map((r) =>
    invalid(r)
      ? ledgerError(LedgerErrorCode.InvalidTransition, `outcome ${r.attempt.outcome} cannot lead to ${r.next}`)
      : (results.get(r.id) ?? ledgerError(LedgerErrorCode.NotFound, `notification ${r.id} not found`)),
  );
}

async function recordValid(db: Kysely<LedgerTables>, valid: readonly AttemptRecord[]): Promise<Map<string, RecordAttemptResult | Error>> {
  const results = new Map<string, RecordAttemptResult | Error>();
  const col = <T>(f: (r: AttemptRecord) => T) => valid.map(f);
  // A named statement (planned once per connection), unlike the claim: every row it touches is found
  // by primary key or through the held index, whatever the batch holds, so a cached generic plan
  // is as good as one made per run — and planning it per run cost PostgreSQL 55 µs per delivery
  // (pg_stat_statements, BENCHMARKS.md, 26 November).
  const { rows } = await guard(() =>
    sql<{ id: string; applied_status: NotificationStatus | null; current_status: NotificationStatus | null }>`
    with i as (
      select t.*, d.document from unnest(
        ${col((r) => r.id)}::text[], ${col((r) => r.next)}::text[], ${col((r) => r.attempt.outcome)}::text[],
        ${col((r) => r.attempt.errorCode ?? null)}::text[], ${col((r) => r.attempt.errorMessage ?? null)}::text[],
        ${col((r) => r.attempt.ackRef ?? null)}::text[],
        ${col((r) => r.attempt.attemptNo)}::int[], ${col((r) => r.attempt.startedAt.toISOString())}::timestamptz[],
        ${col((r) => r.attempt.finishedAt.toISOString())}::timestamptz[]
      ) with ordinality as t(id, next_status, outcome, error_code, error_message, ack_ref, attempt_no, started_at, finished_at, ord)
      join jsonb_array_elements_text(${documentsJson(valid)}::jsonb) with ordinality as d(document, ord) using (ord)
    ), u as (
      update notifications n set
        status = i.next_status, updated_at = now(),
        acknowledged_at = case when i.outcome = 'success' then now() else n.acknowledged_at end,
        ack_ref = case when i.outcome = 'success' then i.ack_ref else n.ack_ref end,
        last_error_code = case when i.outcome = 'success' then n.last_error_code else i.error_code end,
        last_error_message = case when i.outcome = 'success' then n.last_error_message else i.error_message end,
        parked_at = case when i.next_status = 'parked' then now() else n.parked_at end,
        document = coalesce(i.document, n.document)
      from i where n.id = i.id and n.status <> 'acknowledged'
      returning n.id, n.status, n.order_key
    ), a as (
      insert into attempts (notification_id, attempt_no, started_at, finished_at, outcome, error_code, error_message, ack_ref, duration_ms)
      select i.id, i.attempt_no, i.started_at, i.finished_at, i.outcome, i.error_code, i.error_message, i.ack_ref,
        greatest(0, round(extract(epoch from i.finished_at - i.started_at) * 1000))::int
      from i where i.outcome <> 'success' or exists (select 1 from u where u.id = i.id)
    ), released as (
      update notifications h set status = 'pending', hold_reason = null, updated_at = now()
      where h.status = 'held' and h.order_key in (select order_key from u where u.status = 'acknowledged')
      returning h.id, h.partner
    ), queued as (
      insert into outbox (notification_id, partner) select id, partner from released
    )
    select i.id, u.status as applied_status, x.status as current_status
    from i left join u on u.id = i.id left join notifications x on x.id = i.id`.execute(db),
  );
  for (const r of rows) {
    if (r.applied_status) results.set(r.id, { applied: true, status: r.applied_status });
    else if (r.current_status) results.set(r.id, { applied: false, status: r.current_status });
  }
  // Not applied means the row was acknowledged when our UPDATE reached it — possibly by a
  // concurrent statement that committed after this one's snapshot, which then still shows the
  // old status. Read those again in a fresh statement (rare: a duplicate ack racing the first).
  const stale = rows.filter((r) => !r.applied_status && r.current_status && r.current_status !== 'acknowledged').map((r) => r.id);
  if (stale.length) {
    for (const [id, status] of await statuses(db, stale)) results.set(id, { applied: false, status: status as NotificationStatus });
  }
  return results;
}

/**
 * The sent documents as one JSON array, not a `text[]` literal: pg writes an array literal by
 * escaping every element with two regex replaces and concatenating, 2.4× the cost of
 * `JSON.stringify`. Worker CPU per recorded attempt 47 → 34 µs, PostgreSQL's unchanged (median
 * of six alternating rounds, 16 documents of 3.6 KB a batch; BENCHMARKS.md, 26 November). A lone
 * surrogate becomes U+FFFD, as Node's UTF-8 encoding of a text parameter already made it, rather
 * than a JSON escape PostgreSQL would refuse.
 */
function documentsJson(records: readonly AttemptRecord[]): string {
  return JSON.stringify(records.map((r) => (r.attempt.document === undefined ? null : r.attempt.document.toWellFormed())));
}

async function statuses(db: Kysely<LedgerTables>, ids: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ id: string; status: string }>`select id, status from notifications where id = any(${[...ids]}::text[])`.execute(db);
  return new Map(rows.map((r) => [r.id, r.status]));
}
