import type { Kysely } from 'kysely';
import { findConflicts, readExisting } from './accept-duplicates.js';
import { insertPart } from './accept-statement.js';
import { LedgerErrorCode, ledgerError } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import type { AcceptEventInput, AcceptEventResult, EventConflict, PriorEvent } from './ledger.types.js';
import { contractRef } from './notification-row.mapper.js';

export { canonicalBodyHash } from './accept-duplicates.js';

/**
 * What an event that amends a stored share of its hearing becomes: itself with `supersedesEventId`
 * set, holding the notifications it still owes (the rest as `decisions`). Without one, an
 * amendment is linked to what it supersedes and owes everything.
 */
export type AmendmentStep = (input: AcceptEventInput, prior: PriorEvent) => AcceptEventInput;
const linkOnly: AmendmentStep = (input, prior) => Object.assign({}, input, { supersedesEventId: prior.id });

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
 * with a fresh READ COMMITTED snapshot and sees the winner's rows. An event that amends a stored
 * share of its hearing comes back unwritten from the first statement; `amend` decides what it owes
 * and a second statement writes it (ADR 0012).
 */
export async function acceptEvents(db: Db, batch: readonly AcceptEventInput[], amend: AmendmentStep = linkOnly): Promise<AcceptEventResult[]> {
  // Only an event id's first occurrence is sent: later ones in the same batch are duplicates of it.
  const firsts = new Map<string, AcceptEventInput>();
  for (const e of batch) if (!firsts.has(e.eventId)) firsts.set(e.eventId, e);
  const parts = partition([...firsts.values()]);
  /** What was written for each first occurrence: the input itself, or the amended input. */
  const written = new Map<AcceptEventInput, AcceptEventInput>();
  const write = async (conn: Db) => {
    const inserted = new Set<string>();
    const priors = new Map<string, PriorEvent>();
    for (const part of parts) {
      const r = await insertPart(conn, part);
      for (const id of r.inserted) inserted.add(id);
      for (const [id, prior] of r.priors) priors.set(id, prior);
    }
    // Amendments (rare): decided here, written by a second statement that no longer holds them back.
    const amended = [...firsts.values()].filter((e) => priors.has(e.eventId)).map((e) => [e, amend(e, priors.get(e.eventId)!)] as const);
    for (const part of partition(amended.map(([, a]) => a))) for (const id of (await insertPart(conn, part)).inserted) inserted.add(id);
    for (const [e, a] of amended) written.set(e, a);
    const created = new Set<AcceptEventInput>([...firsts.values()].filter((e) => inserted.has(e.eventId)));
    const duplicates = batch.filter((e) => !created.has(e));
    const existing = duplicates.length ? await readExisting(conn, duplicates) : undefined;
    return { created, existing, conflicts: existing ? await findConflicts(conn, duplicates, existing.hashById) : new Map<AcceptEventInput, EventConflict>() };
  };
  const { created, existing, conflicts } = parts.length === 1 ? await write(db) : await db.transaction().execute((trx) => write(trx));

  return batch.map((input): AcceptEventResult => {
    if (created.has(input)) {
      const e = written.get(input) ?? input;
      return {
        created: true,
        eventId: e.eventId,
        notifications: e.notifications.map((n) => ({ id: n.id, partner: n.partner, contract: contractRef(n.contract, n.contractVersion), status: n.status })),
        ...(e.supersedesEventId ? { supersedesEventId: e.supersedesEventId, unchanged: (e.decisions ?? []).map((d) => ({ partner: d.partner, contract: contractRef(d.contract, d.contractVersion), caseId: d.caseId, defendantId: d.defendantId, reason: d.reason })) } : {}),
      };
    }
    const e = input;
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

