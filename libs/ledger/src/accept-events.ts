import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { canonicalJson } from '../../domain/src/ids/canonical-json.js';
import { LedgerErrorCode, ledgerError } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import type { AcceptEventInput, AcceptEventResult, EventConflict, NotificationSummary } from './ledger.types.js';
import { contractRef } from './notification-row.mapper.js';

/** Per statement: 9 parameters an event (well under PostgreSQL's 65,535) and bounded arrays. */
const MAX_EVENTS = 200;
const MAX_NOTIFICATIONS = 2_000;

type Db = Kysely<LedgerTables>;

/**
 * Writes a batch of events with their notifications and outbox rows. A batch that fits one
 * statement (every batch the gateway's group commit forms) is ONE statement — data-modifying CTEs,
 * atomic, its own commit, one round trip; a larger one is several such statements in one
 * transaction. Duplicates are decided by the database, not by a prior read: the event insert is
 * ON CONFLICT DO NOTHING (covering both the id and the body_hash unique index), and notifications
 * and outbox rows are written only for the events that insert returned. A concurrent identical
 * insert waits for the first to commit and then inserts nothing; the re-read that follows runs
 * with a fresh READ COMMITTED snapshot and sees the winner's rows.
 */
export async function acceptEvents(db: Db, batch: readonly AcceptEventInput[]): Promise<AcceptEventResult[]> {
  // Only an event id's first occurrence is sent: later ones in the same batch are duplicates of it.
  const firsts = new Map<string, AcceptEventInput>();
  for (const e of batch) if (!firsts.has(e.eventId)) firsts.set(e.eventId, e);
  const parts = partition([...firsts.values()]);
  const write = async (conn: Db) => {
    const inserted = new Set<string>();
    for (const part of parts) for (const id of await insertPart(conn, part)) inserted.add(id);
    const created = new Set<AcceptEventInput>([...firsts.values()].filter((e) => inserted.has(e.eventId)));
    const duplicates = batch.filter((e) => !created.has(e));
    const existing = duplicates.length ? await readExisting(conn, duplicates) : undefined;
    return { created, existing, conflicts: existing ? await findConflicts(conn, duplicates, existing.hashById) : new Map<AcceptEventInput, EventConflict>() };
  };
  const { created, existing, conflicts } = parts.length === 1 ? await write(db) : await db.transaction().execute((trx) => write(trx));

  return batch.map((e): AcceptEventResult => {
    if (created.has(e)) {
      return {
        created: true,
        eventId: e.eventId,
        notifications: e.notifications.map((n) => ({ id: n.id, partner: n.partner, contract: contractRef(n.contract, n.contractVersion), status: n.status })),
        ...(e.supersedesEventId ? { supersedesEventId: e.supersedesEventId, unchanged: (e.decisions ?? []).map((d) => ({ partner: d.partner, contract: contractRef(d.contract, d.contractVersion), caseId: d.caseId, defendantId: d.defendantId, reason: d.reason })) } : {}),
      };
    }
    const conflict = conflicts.get(e);
    if (conflict) return { created: false, eventId: e.eventId, notifications: [], duplicateBy: 'event-id', conflict };
    const byId = existing!.byId.get(e.eventId);
    const match = byId ?? existing!.byHash.get(e.bodyHash);
    if (!match) {
      // Only reachable if the conflicting event was deleted between our insert and re-read.
      throw ledgerError(LedgerErrorCode.DuplicateEvent, `event ${e.eventId} conflicted but the stored duplicate is gone`);
    }
    return { created: false, eventId: match, notifications: existing!.notifications.get(match) ?? [], duplicateBy: byId ? 'event-id' : 'body-hash' };
  });
}

/** Consecutive runs of events small enough for one statement. */
function partition(events: readonly AcceptEventInput[]): AcceptEventInput[][] {
  const parts: AcceptEventInput[][] = [];
  let part: AcceptEventInput[] = [];
  let notifications = 0;
  for (const e of events) {
    if (part.length && (part.length === MAX_EVENTS || notifications + e.notifications.length > MAX_NOTIFICATIONS)) {
      parts.push(part);
      part = [];
      notifications = 0;
    }
    part.push(e);
    notifications += e.notifications.length;
  }
  if (part.length) parts.push(part);
  return parts;
}

/**
 * One statement: insert the events, then — for the ones actually inserted — their notifications in
 * input order (`sequence` orders each case's deliveries) and an outbox row for each pending one.
 * Returns the inserted event ids. Written as text rather than through the query builder (it is the
 * gateway's hottest statement). Notifications travel as one array per column, so the statement's
 * shape depends only on how many events it carries: few shapes, each parsed once per connection.
 */
async function insertPart(db: Db, events: readonly AcceptEventInput[]): Promise<string[]> {
  const values: unknown[] = [];
  const p = (v: unknown): string => `$${values.push(v)}`;
  const eventRows = events.map(
    (e) =>
      `(${p(e.eventId)}, ${p(e.hearingId)}, ${p(e.bodyHash)}, ${p(e.rawBody)}, cast(${p(e.payloadJson ?? JSON.stringify(e.payload ?? null))}::text as jsonb), ${p(e.source)}, ${p(e.receivedAt)}::timestamptz, ${p(e.sharedTime ?? null)}::timestamptz, ${p(e.supersedesEventId ?? null)})`,
  );
  const insertEvents = `insert into events (id, hearing_id, body_hash, raw_body, payload, source, received_at, shared_time, supersedes_event_id) values ${eventRows.join(', ')} on conflict do nothing returning id`;
  const rows = events.flatMap((e) => e.notifications.map((n) => ({ e, n })));
  const decided = events.flatMap((e) => (e.decisions ?? []).map((d) => ({ e, d })));
  if (!rows.length && !decided.length) return ids(await db.executeQuery<{ id: string }>(CompiledQuery.raw(insertEvents, values)));
  const column = (type: string, f: (r: (typeof rows)[number]) => unknown) => `${p(rows.map(f))}::${type}[]`;
  const decisionColumn = (f: (r: (typeof decided)[number]) => unknown) => `${p(decided.map(f))}::text[]`;
  // Amendments only: partners the amendment owes nothing, recorded with the event (ADR 0012).
  const dd = decided.length
    ? `, dd as (
      insert into amendment_decisions (event_id, supersedes_event_id, partner, contract, contract_version, case_id, defendant_id, decision, reason)
      select v.* from unnest(${decisionColumn((r) => r.e.eventId)}, ${decisionColumn((r) => r.e.supersedesEventId)}, ${decisionColumn((r) => r.d.partner)}, ${decisionColumn((r) => r.d.contract)},
        ${decisionColumn((r) => r.d.contractVersion)}, ${decisionColumn((r) => r.d.caseId)}, ${decisionColumn((r) => r.d.defendantId)}, ${decisionColumn((r) => r.d.decision)}, ${decisionColumn((r) => r.d.reason)})
        as v (event_id, supersedes_event_id, partner, contract, contract_version, case_id, defendant_id, decision, reason)
      where v.event_id in (select id from ev)
    )`
    : '';
  if (!rows.length) return ids(await db.executeQuery<{ id: string }>(CompiledQuery.raw(`with ev as (${insertEvents})${dd} select id from ev`, values)));
  const text = `with ev as (${insertEvents})${dd},
    nn as (
      insert into notifications (id, event_id, partner, contract, contract_version, status, needs_review, review_reason, case_id, case_urn, defendant_id, order_key, criticality, deadline_at, message_id)
      select v.id, v.event_id, v.partner, v.contract, v.contract_version, v.status, v.status = 'needs-review', v.review_reason, v.case_id, v.case_urn, v.defendant_id, v.order_key, v.criticality, v.deadline_at, v.message_id
      from unnest(${column('text', (r) => r.n.id)}, ${column('text', (r) => r.e.eventId)}, ${column('text', (r) => r.n.partner)}, ${column('text', (r) => r.n.contract)},
        ${column('text', (r) => r.n.contractVersion)}, ${column('text', (r) => r.n.status)}, ${column('text', (r) => r.n.reviewReason ?? null)}, ${column('text', (r) => r.n.caseId)},
        ${column('text', (r) => r.n.caseUrn ?? null)}, ${column('text', (r) => r.n.defendantId)}, ${column('text', (r) => r.n.orderKey)}, ${column('text', (r) => r.n.criticality)},
        ${column('timestamptz', (r) => r.n.deadlineAt)}, ${column('text', (r) => r.n.messageId)})
        with ordinality as v (id, event_id, partner, contract, contract_version, status, review_reason, case_id, case_urn, defendant_id, order_key, criticality, deadline_at, message_id, ord)
      where v.event_id in (select id from ev)
      order by v.ord
      returning id, partner, status
    ),
    ob as (insert into outbox (notification_id, partner) select id, partner from nn where status = 'pending')
    select id from ev`;
  return ids(await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, values)));
}

const ids = (result: { rows: readonly { id: string }[] }): string[] => result.rows.map((r) => r.id);

async function readExisting(db: Db, duplicates: readonly AcceptEventInput[]) {
  const ids = duplicates.map((e) => e.eventId);
  const hashes = duplicates.map((e) => e.bodyHash);
  const events = await db
    .selectFrom('events')
    .select(['id', 'body_hash'])
    .where((eb) => eb.or([eb('id', '=', sql<string>`any(${ids}::text[])`), eb('body_hash', '=', sql<string>`any(${hashes}::text[])`)]))
    .execute();
  const byId = new Map<string, string>();
  const byHash = new Map<string, string>();
  const hashById = new Map<string, string>();
  for (const row of events) {
    byId.set(row.id, row.id);
    byHash.set(row.body_hash, row.id);
    hashById.set(row.id, row.body_hash);
  }
  const notifications = new Map<string, NotificationSummary[]>();
  if (events.length) {
    const rows = await db
      .selectFrom('notifications')
      .select(['id', 'event_id', 'partner', 'contract', 'contract_version', 'status'])
      .where('event_id', '=', sql<string>`any(${events.map((r) => r.id)}::text[])`)
      .orderBy('sequence')
      .execute();
    for (const row of rows) {
      const list = notifications.get(row.event_id) ?? [];
      list.push({ id: row.id, partner: row.partner, contract: contractRef(row.contract, row.contract_version), status: row.status });
      notifications.set(row.event_id, list);
    }
  }
  return { byId, byHash, hashById, notifications };
}

/** sha256 of the canonical JSON (keys sorted, no layout): equal for a resend that differs only in layout. */
export const canonicalBodyHash = (payload: unknown): string => `sha256:${createHash('sha256').update(canonicalJson(payload)).digest('hex')}`;

/**
 * The duplicates by event key (id) whose body differs from the stored one once both are put in
 * canonical form. Only reached when the exact bytes differ (the raw body_hash already decided the
 * rest), so a plain resend costs nothing more; the stored payload is read only for those.
 */
async function findConflicts(db: Db, duplicates: readonly AcceptEventInput[], hashById: ReadonlyMap<string, string>): Promise<Map<AcceptEventInput, EventConflict>> {
  const conflicts = new Map<AcceptEventInput, EventConflict>();
  const suspects = duplicates.filter((e) => hashById.has(e.eventId) && hashById.get(e.eventId) !== e.bodyHash);
  if (!suspects.length) return conflicts;
  const rows = await db
    .selectFrom('events')
    .select(['id', 'payload'])
    .where('id', '=', sql<string>`any(${[...new Set(suspects.map((e) => e.eventId))]}::text[])`)
    .execute();
  const stored = new Map(rows.map((r) => [r.id, canonicalBodyHash(r.payload)]));
  for (const e of suspects) {
    const storedBodyHash = stored.get(e.eventId);
    const receivedBodyHash = canonicalBodyHash(e.payload);
    if (storedBodyHash !== undefined && storedBodyHash !== receivedBodyHash) conflicts.set(e, { storedEventId: e.eventId, storedBodyHash, receivedBodyHash });
  }
  return conflicts;
}
