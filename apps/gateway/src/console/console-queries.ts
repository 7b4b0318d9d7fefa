import { type Kysely, sql } from 'kysely';
import type { LedgerTables } from '../../../../libs/ledger/src/index.js';

/**
 * Read-only views over the ledger the console needs and the repositories do not offer (aggregates
 * for the overview, search by defendant/hearing, the trail of one notification). Writes never go
 * through here: replay and release use DeliveryControlRepository / the inbound processor.
 */
export interface PartnerStatus {
  readonly partner: string;
  readonly inFlight: number;
  readonly acknowledgedToday: number;
  readonly parked: number;
  readonly needsReview: number;
  readonly overdue: number;
}

export interface AtRisk {
  readonly id: string;
  readonly partner: string;
  readonly criticality: string;
  readonly status: string;
  readonly caseUrn: string | null;
  readonly deadlineAt: Date;
  readonly overdue: boolean;
}

export interface SeriesPoint {
  readonly hour: Date;
  readonly acknowledged: number;
  readonly failed: number;
}

export interface FoundNotification {
  readonly id: string;
  readonly partner: string;
  readonly contract: string;
  readonly status: string;
  readonly caseUrn: string | null;
  readonly hearingId: string;
  readonly createdAt: Date;
}

export interface AuditEntry {
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly detail: Record<string, unknown>;
}

export interface ShadowRow {
  readonly shadow: string;
  readonly pinned: string;
  readonly differenceCount: number;
  readonly differences: readonly { path: string; pinned: string | null; shadow: string | null }[];
  readonly at: Date;
}

const CRITICALITY_RANK = sql`case criticality when 'critical' then 0 when 'high' then 1 else 2 end`;

export class ConsoleQueries {
  constructor(private readonly db: Kysely<LedgerTables>) {}

  /**
   * Per partner: open work, parked, needs review, overdue, acknowledged today. Refreshed every 10 s
   * by each open console, so it reads in proportion to what is open and to today's traffic, never
   * the whole history: open rows through the partial deadline index (status <> 'acknowledged'; a
   * dismissed row is in it but decided, so it is left out here),
   * today's acknowledgements through the BRIN index on attempts.finished_at (one success attempt
   * per acknowledged notification; a day's slack for the worker's clock, then the ledger's own
   * acknowledged_at decides).
   */
  async partnerStatus(now = new Date()): Promise<PartnerStatus[]> {
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const { rows } = await sql<PartnerStatus>`
      with open as (
        select partner,
          count(*) filter (where status in ('pending', 'in-flight', 'retrying', 'held')) as in_flight,
          count(*) filter (where status = 'parked') as parked,
          count(*) filter (where status = 'needs-review') as needs_review,
          count(*) filter (where deadline_at < ${now}) as overdue
        from notifications where status <> 'acknowledged' and status <> 'dismissed' group by partner
      ), acked as (
        select n.partner, count(*) as acknowledged_today
        from attempts a join notifications n on n.id = a.notification_id
        where a.outcome = 'success' and a.finished_at >= ${new Date(today.getTime() - 86_400_000)}
          and n.status = 'acknowledged' and n.acknowledged_at >= ${today}
        group by n.partner
      )
      select partner,
        coalesce(o.in_flight, 0)::int as "inFlight",
        coalesce(k.acknowledged_today, 0)::int as "acknowledgedToday",
        coalesce(o.parked, 0)::int as parked,
        coalesce(o.needs_review, 0)::int as "needsReview",
        coalesce(o.overdue, 0)::int as overdue
      from open o full join acked k using (partner)`.execute(this.db);
    return rows;
  }

  /** Owed notifications past or within `withinMs` of their deadline: critical first, then soonest. */
  async atRisk(withinMs = 3_600_000, limit = 25, now = new Date()): Promise<AtRisk[]> {
    const { rows } = await sql<AtRisk>`
      select id, partner, criticality, status, case_urn as "caseUrn", deadline_at as "deadlineAt", deadline_at < ${now} as overdue
      from notifications
      where status <> 'acknowledged' and status <> 'dismissed' and deadline_at < ${new Date(now.getTime() + withinMs)}
      order by ${CRITICALITY_RANK}, deadline_at limit ${limit}`.execute(this.db);
    return rows;
  }

  /** Attempts finished per hour over the last 24 h: acknowledged (success) and failed (any other outcome). */
  async series(now = new Date()): Promise<SeriesPoint[]> {
    const from = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 23 * 3_600_000);
    const { rows } = await sql<{ hour: Date; acknowledged: number; failed: number }>`
      select date_trunc('hour', finished_at) as hour,
        (count(*) filter (where outcome = 'success'))::int as acknowledged,
        (count(*) filter (where outcome <> 'success'))::int as failed
      from attempts where finished_at >= ${from} group by 1`.execute(this.db);
    const byHour = new Map(rows.map((r) => [new Date(r.hour).getTime(), r]));
    return Array.from({ length: 24 }, (_, i) => {
      const hour = new Date(from.getTime() + i * 3_600_000);
      const r = byHour.get(hour.getTime());
      return { hour, acknowledged: r?.acknowledged ?? 0, failed: r?.failed ?? 0 };
    });
  }

  /** By notification id, event id, hearing id, case URN, defendant id, ASN or PNC id (anywhere in the event). */
  async find(q: string, limit = 100): Promise<FoundNotification[]> {
    const term = q.trim();
    if (!term) return [];
    const { rows } = await sql<FoundNotification>`
      select n.id, n.partner, n.contract || '@' || n.contract_version as contract, n.status, n.case_urn as "caseUrn",
        e.hearing_id as "hearingId", n.created_at as "createdAt"
      from notifications n join events e on e.id = n.event_id
      where n.id = ${term} or n.event_id = ${term} or e.hearing_id = ${term} or upper(n.case_urn) = upper(${term})
        or n.defendant_id = ${term}
        or jsonb_path_exists(e.payload, '$.** ? (@.arrestSummonsNumber == $v || @.pncId == $v || @.asn == $v)', jsonb_build_object('v', ${term}::text))
      order by n.created_at desc, n.partner limit ${limit}`.execute(this.db);
    return rows;
  }

  async event(notificationId: string): Promise<{ id: string; hearingId: string; source: string; receivedAt: Date; payload: unknown } | undefined> {
    const { rows } = await sql<{ id: string; hearingId: string; source: string; receivedAt: Date; payload: unknown }>`
      select e.id, e.hearing_id as "hearingId", e.source, e.received_at as "receivedAt", e.payload
      from events e join notifications n on n.event_id = e.id where n.id = ${notificationId}`.execute(this.db);
    return rows[0];
  }

  /** Operator actions that named this notification (replays, quarantine releases that produced it). */
  async auditFor(notificationId: string): Promise<AuditEntry[]> {
    const { rows } = await sql<AuditEntry>`
      select at, actor, action, detail from audit_log
      where jsonb_exists(coalesce(detail->'ids', '[]'::jsonb), ${notificationId}) or detail->>'notificationId' = ${notificationId}
      order by at, id`.execute(this.db);
    return rows;
  }

  /** Later notifications for the same partner, case and defendant still waiting (held behind this one or its predecessors). */
  async waitingBehind(notificationId: string): Promise<{ id: string; status: string; createdAt: Date }[]> {
    const { rows } = await sql<{ id: string; status: string; createdAt: Date }>`
      select s.id, s.status, s.created_at as "createdAt" from notifications n
      join notifications s on s.order_key = n.order_key and s.sequence > n.sequence
      where n.id = ${notificationId} and s.status in ('pending', 'in-flight', 'retrying', 'held')
      order by s.sequence limit 100`.execute(this.db);
    return rows;
  }

  async escalations(notificationId: string): Promise<{ level: string; firedAt: Date }[]> {
    const { rows } = await sql<{ level: string; firedAt: Date }>`
      select level, fired_at as "firedAt" from escalations where notification_id = ${notificationId} order by fired_at`.execute(this.db);
    return rows;
  }

  async shadowFor(notificationId: string): Promise<ShadowRow[]> {
    const { rows } = await sql<ShadowRow>`
      select shadow, pinned, difference_count as "differenceCount", differences, at from shadow_results
      where notification_id = ${notificationId} order by at`.execute(this.db);
    return rows;
  }

  /** Per partner and shadow version: how many compared, how many differed, when last. */
  async shadowSummary(): Promise<{ partner: string; shadow: string; examined: number; withDifferences: number; lastAt: Date }[]> {
    const { rows } = await sql<{ partner: string; shadow: string; examined: number; withDifferences: number; lastAt: Date }>`
      select partner, shadow, count(*)::int as examined, (count(*) filter (where difference_count > 0))::int as "withDifferences", max(at) as "lastAt"
      from shadow_results group by 1, 2 order by 1, 2`.execute(this.db);
    return rows;
  }

  async parkedCodes(): Promise<string[]> {
    const { rows } = await sql<{ code: string }>`
      select distinct last_error_code as code from notifications where status = 'parked' and last_error_code is not null order by 1`.execute(this.db);
    return rows.map((r) => r.code);
  }

  async recentAudit(limit = 20): Promise<AuditEntry[]> {
    const { rows } = await sql<AuditEntry>`select at, actor, action, detail from audit_log order by id desc limit ${limit}`.execute(this.db);
    return rows;
  }
}
