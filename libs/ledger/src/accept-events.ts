import type { Insertable, Transaction } from 'kysely';
import { sql } from 'kysely';
import { LedgerErrorCode, ledgerError } from './ledger.errors.js';
import type { LedgerTables, NotificationsTable } from './ledger.tables.js';
import type { AcceptEventInput, AcceptEventResult, NotificationSummary } from './ledger.types.js';
import { contractRef, jsonb } from './notification-row.mapper.js';

// Keeps each statement well under PostgreSQL's 65,535 bind parameters (notifications use 16 a row).
const ROWS_PER_STATEMENT = 500;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Writes a batch of events with their notifications and outbox rows inside the caller's
 * transaction. Duplicates are decided by the database, not by a prior read: the event insert is
 * ON CONFLICT DO NOTHING (covering both the id and the body_hash unique index), so a concurrent
 * identical insert waits for the first to commit and then inserts nothing; the re-read that
 * follows runs with a fresh READ COMMITTED snapshot and sees the winner's rows.
 */
export async function acceptEventsInTransaction(
  trx: Transaction<LedgerTables>,
  batch: readonly AcceptEventInput[],
): Promise<AcceptEventResult[]> {
  const inserted = new Set<string>();
  for (const part of chunks(batch, ROWS_PER_STATEMENT)) {
    const rows = await trx
      .insertInto('events')
      .values(
        part.map((e) => ({
          id: e.eventId,
          hearing_id: e.hearingId,
          body_hash: e.bodyHash,
          raw_body: e.rawBody,
          payload: jsonb(e.payload),
          source: e.source,
          received_at: e.receivedAt,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    for (const row of rows) inserted.add(row.id);
  }

  // VALUES rows insert in order, so when one batch repeats an event the first occurrence is the one stored.
  const created = new Set<AcceptEventInput>();
  const claimed = new Set<string>();
  for (const e of batch) {
    if (inserted.has(e.eventId) && !claimed.has(e.eventId)) {
      claimed.add(e.eventId);
      created.add(e);
    }
  }

  const notificationRows: Insertable<NotificationsTable>[] = [];
  const outboxRows: { notification_id: string; partner: string }[] = [];
  for (const e of created) {
    for (const n of e.notifications) {
      notificationRows.push({
        id: n.id,
        event_id: e.eventId,
        partner: n.partner,
        contract: n.contract,
        contract_version: n.contractVersion,
        status: n.status,
        needs_review: n.status === 'needs-review',
        review_reason: n.reviewReason ?? null,
        case_id: n.caseId,
        case_urn: n.caseUrn ?? null,
        defendant_id: n.defendantId,
        order_key: n.orderKey,
        criticality: n.criticality,
        deadline_at: n.deadlineAt,
        message_id: n.messageId,
      });
      // Needs-review obligations are recorded (and counted) but wait for a person before dispatch.
      if (n.status === 'pending') outboxRows.push({ notification_id: n.id, partner: n.partner });
    }
  }
  for (const part of chunks(notificationRows, ROWS_PER_STATEMENT)) {
    await trx.insertInto('notifications').values(part).execute();
  }
  for (const part of chunks(outboxRows, ROWS_PER_STATEMENT * 4)) {
    await trx.insertInto('outbox').values(part).execute();
  }

  const duplicates = batch.filter((e) => !created.has(e));
  const existing = duplicates.length ? await readExisting(trx, duplicates) : undefined;

  return batch.map((e): AcceptEventResult => {
    if (created.has(e)) {
      return {
        created: true,
        eventId: e.eventId,
        notifications: e.notifications.map((n) => ({
          id: n.id,
          partner: n.partner,
          contract: contractRef(n.contract, n.contractVersion),
          status: n.status,
        })),
      };
    }
    const byId = existing!.byId.get(e.eventId);
    const match = byId ?? existing!.byHash.get(e.bodyHash);
    if (!match) {
      // Only reachable if the conflicting event was deleted between our insert and re-read.
      throw ledgerError(LedgerErrorCode.DuplicateEvent, `event ${e.eventId} conflicted but the stored duplicate is gone`);
    }
    return {
      created: false,
      eventId: match,
      notifications: existing!.notifications.get(match) ?? [],
      duplicateBy: byId ? 'event-id' : 'body-hash',
    };
  });
}

async function readExisting(trx: Transaction<LedgerTables>, duplicates: readonly AcceptEventInput[]) {
  const ids = duplicates.map((e) => e.eventId);
  const hashes = duplicates.map((e) => e.bodyHash);
  const events = await trx
    .selectFrom('events')
    .select(['id', 'body_hash'])
    .where((eb) => eb.or([eb('id', '=', sql<string>`any(${ids}::text[])`), eb('body_hash', '=', sql<string>`any(${hashes}::text[])`)]))
    .execute();
  const byId = new Map<string, string>();
  const byHash = new Map<string, string>();
  for (const row of events) {
    byId.set(row.id, row.id);
    byHash.set(row.body_hash, row.id);
  }
  const notifications = new Map<string, NotificationSummary[]>();
  if (events.length) {
    const rows = await trx
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
  return { byId, byHash, notifications };
}
