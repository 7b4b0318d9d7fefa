import { CompiledQuery, type Kysely } from 'kysely';
import type { LedgerTables } from './ledger.tables.js';
import type { AcceptEventInput, PriorEvent } from './ledger.types.js';

/**
 * For each incoming event with a sharedTime: the stored share of the same hearing it supersedes —
 * the one with the latest sharedTime before its own — or undefined. One statement for a whole
 * accept batch, through the hearing_id index; an earlier share arriving late supersedes only what
 * came before it, never the later share already stored.
 */
export async function priorEvents(db: Kysely<LedgerTables>, batch: readonly AcceptEventInput[]): Promise<(PriorEvent | undefined)[]> {
  const asked = batch.map((e, i) => ({ e, i })).filter(({ e }) => e.sharedTime !== undefined);
  const out: (PriorEvent | undefined)[] = batch.map(() => undefined);
  if (!asked.length) return out;
  const text = `select v.k, p.id, p.shared_time, p.payload
    from unnest($1::text[], $2::timestamptz[], $3::text[]) with ordinality as v (hearing_id, shared_time, event_id, k)
    cross join lateral (
      select e.id, e.shared_time, e.payload from events e
      where e.hearing_id = v.hearing_id and e.shared_time < v.shared_time and e.id <> v.event_id
      order by e.shared_time desc, e.received_at desc limit 1
    ) p`;
  const params = [asked.map(({ e }) => e.hearingId), asked.map(({ e }) => e.sharedTime), asked.map(({ e }) => e.eventId)];
  const { rows } = await db.executeQuery<{ k: number | string; id: string; shared_time: Date; payload: unknown }>(CompiledQuery.raw(text, params));
  for (const row of rows) out[asked[Number(row.k) - 1]!.i] = { id: row.id, sharedTime: row.shared_time, payload: row.payload };
  return out;
}
