import { type Kysely, sql } from 'kysely';
import { type EscalationGroup, type EscalationLevelSpec, type EscalationsRecorded, claimEscalationGroups, recordDueEscalations } from './escalation-groups.queries.js';
import { guard } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import { jsonb } from './notification-row.mapper.js';

export interface ParkedFilter {
  readonly partner?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly errorCode?: string;
  /** contract version that produced the parked notification, e.g. v1 */
  readonly contractVersion?: string;
  readonly ids?: readonly string[];
  readonly limit?: number;
}

export interface ParkedRow {
  readonly id: string;
  readonly partner: string;
  readonly contract: string;
  readonly caseUrn: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly attempts: number;
  readonly parkedAt: Date | null;
  readonly status: string;
}

export interface ReplayResult {
  readonly count: number;
  readonly ids: readonly string[];
}

/** The predecessor that keeps a notification waiting, if any (per-case order). */
export interface Blocker {
  readonly id: string;
  readonly status: string;
}

/**
 * Operations on notifications that are not a single delivery attempt: per-case ordering holds,
 * parking and replay, deadline escalations. Kept apart from LedgerRepository to keep both small.
 */
export class DeliveryControlRepository {
  constructor(private readonly db: Kysely<LedgerTables>) {}

  /**
   * Hold a notification behind a parked or needs-review predecessor (it waits for a person). Only
   * while such a predecessor still exists: if it was replayed and acknowledged since the caller
   * looked, nothing is held (false) and the caller simply tries again.
   */
  hold(id: string, reason: string): Promise<boolean> {
    return guard(async () => {
      const { rows } = await sql`update notifications n set status = 'held', hold_reason = ${reason}, updated_at = now()
        where n.id = ${id} and n.status in ('pending', 'in-flight', 'retrying')
          and exists (select 1 from notifications p where p.order_key = n.order_key and p.sequence < n.sequence
            and p.status in ('parked', 'needs-review', 'held'))
        returning 1`.execute(this.db);
      return rows.length > 0;
    });
  }

  listParked(filter: ParkedFilter = {}): Promise<ParkedRow[]> {
    return guard(async () => {
      const { rows } = await sql<ParkedRow>`
        select id, partner, contract || '@' || contract_version as contract, case_urn as "caseUrn",
          last_error_code as "errorCode", last_error_message as "errorMessage", attempts, parked_at as "parkedAt", status
        from notifications where ${this.parkedWhere(filter)}
        order by parked_at desc nulls last limit ${Math.min(filter.limit ?? 200, 10_000)}`.execute(this.db);
      return rows;
    });
  }

  private parkedWhere(f: ParkedFilter) {
    const parts = [sql`status = 'parked'`];
    if (f.partner) parts.push(sql`partner = ${f.partner}`);
    if (f.from) parts.push(sql`parked_at >= ${f.from}`);
    if (f.to) parts.push(sql`parked_at < ${f.to}`);
    if (f.errorCode) parts.push(sql`last_error_code = ${f.errorCode}`);
    if (f.contractVersion) parts.push(sql`contract_version = ${f.contractVersion}`);
    if (f.ids?.length) parts.push(sql`id = any(${[...f.ids]}::text[])`);
    return sql.join(parts, sql` and `);
  }

  /**
   * Replay parked notifications matching a filter: back to pending with a fresh outbox row, and
   * optionally through another contract version (the stored domain event is mapped again). One
   * transaction, audited with who, when, the filter and the count.
   */
  replay(filter: ParkedFilter, opts: { actor: string; contractVersion?: string }): Promise<ReplayResult> {
    return guard(() =>
      this.db.transaction().execute(async (trx) => {
        const version = opts.contractVersion ?? null;
        const { rows } = await sql<{ id: string; partner: string }>`
          update notifications set status = 'pending', parked_at = null, hold_reason = null, updated_at = now(),
            contract_version = coalesce(${version}::text, contract_version)
          where ${this.parkedWhere(filter)} returning id, partner`.execute(trx);
        if (rows.length) {
          await sql`insert into outbox (notification_id, partner) select * from unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.partner)}::text[])`.execute(trx);
        }
        await trx
          .insertInto('audit_log')
          .values({ actor: opts.actor, action: 'replay', detail: jsonb({ filter, contractVersion: opts.contractVersion, count: rows.length, ids: rows.slice(0, 1000).map((r) => r.id) }) })
          .execute();
        return { count: rows.length, ids: rows.map((r) => r.id) };
      }),
    );
  }

  /**
   * Record each deadline level once per notification as it falls due (up to `limit` notifications
   * a pass) and count each, under its highest new level only, towards its alert group. One statement.
   */
  recordDueEscalations(levels: readonly EscalationLevelSpec[], now = new Date(), limit = 5000): Promise<EscalationsRecorded[]> {
    return guard(() => recordDueEscalations(this.db, levels, now, limit));
  }

  /** Every alert group now, claiming those with something new and no alert within `repeatMs`. One statement. */
  claimEscalationGroups(levels: readonly EscalationLevelSpec[], now: Date, repeatMs: number): Promise<EscalationGroup[]> {
    return guard(() => claimEscalationGroups(this.db, levels, now, repeatMs));
  }

  /** Record a one-off escalation (e.g. held behind a parked predecessor); false if already fired. */
  escalateOnce(notificationId: string, level: string): Promise<boolean> {
    return guard(async () => {
      const { rows } = await sql`insert into escalations (notification_id, level) values (${notificationId}, ${level}) on conflict do nothing returning 1`.execute(this.db);
      return rows.length > 0;
    });
  }

  /** Per partner: owed (not acknowledged, not needs-review) count and the age of the oldest. */
  owedByPartner(): Promise<{ partner: string; owed: number; oldestAgeSeconds: number }[]> {
    return guard(async () => {
      const { rows } = await sql<{ partner: string; owed: number; oldestAgeSeconds: number }>`
        select partner, count(*)::int as owed, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as "oldestAgeSeconds"
        from notifications where status in ('pending', 'in-flight', 'retrying', 'held', 'parked') group by partner`.execute(this.db);
      return rows;
    });
  }
}

/** Owed notifications not waiting in the outbox: each should be in its partner's queue. */
export async function owedOutsideOutbox(db: Kysely<LedgerTables>, olderThan: Date, limit: number): Promise<{ id: string; partner: string; day: string }[]> {
  return guard(async () => {
    const { rows } = await sql<{ id: string; partner: string; day: string }>`
      select n.id, n.partner, to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD') as day
      from notifications n
      where n.status in ('pending', 'retrying', 'in-flight') and n.updated_at < ${olderThan}
        and not exists (select 1 from outbox o where o.notification_id = n.id and o.relayed_at is null)
      order by n.updated_at limit ${limit}`.execute(db);
    return rows;
  });
}
