import { CompiledQuery, type Kysely } from 'kysely';
import type { LedgerTables } from './ledger.tables.js';
import type { AcceptEventInput, PriorEvent } from './ledger.types.js';

type Db = Kysely<LedgerTables>;

export interface PartWritten {
  /** Ids of the events this statement inserted. */
  readonly inserted: string[];
  /** Events held back because they amend a stored share of their hearing, with that share. */
  readonly priors: Map<string, PriorEvent>;
}

/**
 * One statement: insert the events, then — for the ones actually inserted — their notifications in
 * input order (`sequence` orders each case's deliveries), an outbox row for each pending one and
 * any amendment decisions. Written as text rather than through the query builder (it is the
 * gateway's hottest statement). Notifications travel as one array per column, so the statement's
 * shape depends only on how many events it carries: few shapes, each parsed once per connection.
 *
 * Amendments cost the common case no extra round trip: an event with a sharedTime that has not yet
 * been compared (no `supersedesEventId`) is inserted only when no stored share of its hearing is
 * earlier (`pr`, through the hearing_id index); otherwise nothing of it is written and the share it
 * would supersede comes back, for the caller to decide what each partner is owed and send it again.
 */
export async function insertPart(db: Db, events: readonly AcceptEventInput[]): Promise<PartWritten> {
  const values: unknown[] = [];
  const p = (v: unknown): string => `$${values.push(v)}`;
  const eventRows = events.map(
    (e) =>
      `(${p(e.eventId)}, ${p(e.hearingId)}, ${p(e.bodyHash)}, ${p(e.rawBody)}, cast(${p(e.payloadJson ?? JSON.stringify(e.payload ?? null))}::text as jsonb), ${p(e.source)}, ${p(e.receivedAt)}::timestamptz, ${p(e.sharedTime ?? null)}::timestamptz, ${p(e.supersedesEventId ?? null)}::text)`,
  );
  const head = `with vals (id, hearing_id, body_hash, raw_body, payload, source, received_at, shared_time, supersedes_event_id) as (values ${eventRows.join(', ')}),
    pr as (
      select v.id as event_id, p.id as prior_id, p.shared_time as prior_shared_time, p.payload as prior_payload from vals v
      cross join lateral (select e.id, e.shared_time, e.payload from events e where e.hearing_id = v.hearing_id and e.shared_time < v.shared_time order by e.shared_time desc, e.received_at desc limit 1) p
      where v.supersedes_event_id is null and v.shared_time is not null
    ),
    ev as (
      insert into events (id, hearing_id, body_hash, raw_body, payload, source, received_at, shared_time, supersedes_event_id)
      select * from vals where id not in (select event_id from pr)
      on conflict do nothing returning id
    )`;
  const rows = events.flatMap((e) => e.notifications.map((n) => ({ e, n })));
  const decided = events.flatMap((e) => (e.decisions ?? []).map((d) => ({ e, d })));
  const column = (type: string, f: (r: (typeof rows)[number]) => unknown) => `${p(rows.map(f))}::${type}[]`;
  const decisionColumn = (f: (r: (typeof decided)[number]) => unknown) => `${p(decided.map(f))}::text[]`;
  const nn = rows.length
    ? `, nn as (
      insert into notifications (id, event_id, partner, contract, contract_version, status, needs_review, review_reason, review_evidence, case_id, case_urn, defendant_id, order_key, criticality, deadline_at, message_id, amends_event_id)
      select v.id, v.event_id, v.partner, v.contract, v.contract_version, v.status, v.status = 'needs-review', v.review_reason, cast(v.review_evidence as jsonb), v.case_id, v.case_urn, v.defendant_id, v.order_key, v.criticality, v.deadline_at, v.message_id, v.amends_event_id
      from unnest(${column('text', (r) => r.n.id)}, ${column('text', (r) => r.e.eventId)}, ${column('text', (r) => r.n.partner)}, ${column('text', (r) => r.n.contract)},
        ${column('text', (r) => r.n.contractVersion)}, ${column('text', (r) => r.n.status)}, ${column('text', (r) => r.n.reviewReason ?? null)}, ${column('text', reviewEvidence)}, ${column('text', (r) => r.n.caseId)},
        ${column('text', (r) => r.n.caseUrn ?? null)}, ${column('text', (r) => r.n.defendantId)}, ${column('text', (r) => r.n.orderKey)}, ${column('text', (r) => r.n.criticality)},
        ${column('timestamptz', (r) => r.n.deadlineAt)}, ${column('text', (r) => r.n.messageId)}, ${column('text', (r) => r.n.amendsEventId ?? null)})
        with ordinality as v (id, event_id, partner, contract, contract_version, status, review_reason, review_evidence, case_id, case_urn, defendant_id, order_key, criticality, deadline_at, message_id, amends_event_id, ord)
      where v.event_id in (select id from ev)
      order by v.ord
      returning id, partner, status
    ),
    ob as (insert into outbox (notification_id, partner) select id, partner from nn where status = 'pending')`
    : '';
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
  const text = `${head}${nn}${dd}
    select id, null::text as prior_id, null::timestamptz as prior_shared_time, null::jsonb as prior_payload from ev
    union all select event_id, prior_id, prior_shared_time, prior_payload from pr`;
  const result = await db.executeQuery<{ id: string; prior_id: string | null; prior_shared_time: Date | null; prior_payload: unknown }>(CompiledQuery.raw(text, values));
  const inserted: string[] = [];
  const priors = new Map<string, PriorEvent>();
  for (const row of result.rows) {
    if (row.prior_id === null) inserted.push(row.id);
    else priors.set(row.id, { id: row.prior_id, sharedTime: row.prior_shared_time!, payload: row.prior_payload });
  }
  return { inserted, priors };
}

/** Evidence is kept only for what awaits a person (the rest would be a jsonb per delivery nobody reads). */
const reviewEvidence = ({ n }: { n: AcceptEventInput['notifications'][number] }): string | null =>
  n.status === 'needs-review' && n.reviewEvidence?.length ? JSON.stringify(n.reviewEvidence) : null;
