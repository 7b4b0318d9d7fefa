import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { canonicalJson } from '../../domain/src/ids/canonical-json.js';
import type { LedgerTables } from './ledger.tables.js';
import type { AcceptEventInput, EventConflict, NotificationSummary } from './ledger.types.js';
import { contractRef } from './notification-row.mapper.js';

type Db = Kysely<LedgerTables>;

/** The stored events an accept batch's duplicates matched (by id or by raw body hash), with their notifications. */
export async function readExisting(db: Db, duplicates: readonly AcceptEventInput[]) {
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
export async function findConflicts(db: Db, duplicates: readonly AcceptEventInput[], hashById: ReadonlyMap<string, string>): Promise<Map<AcceptEventInput, EventConflict>> {
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
