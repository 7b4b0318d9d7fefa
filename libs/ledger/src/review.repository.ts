import { type Kysely, sql } from 'kysely';
import { guard, ledgerError } from './ledger.errors.js';
import type { LedgerTables } from './ledger.tables.js';
import type { ReviewDecisionView, ReviewEvidence } from './ledger.types.js';
import { jsonb } from './notification-row.mapper.js';

/** Stable codes of review decisions (the gateway maps NOT_PENDING to 409). */
export const ReviewErrorCode = {
  NotPending: 'REVIEW.NOT_PENDING',
  ReasonRequired: 'REVIEW.REASON_REQUIRED',
  NotFound: 'NOTIFICATION.NOT_FOUND',
} as const;

export type ReviewDecision = 'send' | 'dismiss';

export interface ReviewFilter {
  readonly partner?: string;
  /** Only items at least this old (ms since the obligation was recorded). */
  readonly minAgeMs?: number;
  /** Case-insensitive substring of the review reason. */
  readonly reason?: string;
  /** default 50, at most 500 */
  readonly limit?: number;
  readonly offset?: number;
}

export interface ReviewItem {
  readonly id: string;
  readonly partner: string;
  /** name@version: the pinned contract it will be mapped with when sent. */
  readonly contract: string;
  readonly caseUrn: string | null;
  readonly defendantId: string;
  readonly criticality: string;
  readonly reason: string | null;
  readonly evidence: readonly ReviewEvidence[];
  readonly createdAt: Date;
  readonly deadlineAt: Date;
  /** Later notifications for the same partner, case and defendant waiting behind this one. */
  readonly heldSuccessors: number;
}

export interface ReviewPage {
  readonly items: readonly ReviewItem[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface DecisionResult {
  readonly id: string;
  readonly decision: ReviewDecision;
  /** pending (on its way through the outbox) after send; dismissed after dismiss. */
  readonly status: 'pending' | 'dismissed';
  /** Successors released at once (dismiss); after send they are released when it is acknowledged. */
  readonly released: readonly string[];
}

/** Statuses of a successor that still waits for its predecessors. */
const WAITING = sql`('pending', 'in-flight', 'retrying', 'held')`;

/**
 * Notifications the routing rules could not decide, and the person's decision on each: send (back
 * to pending with an outbox row — the normal path from there) or dismiss (final, with a reason).
 * One transaction per decision; the UPDATE's `status = 'needs-review'` condition makes exactly one
 * of two concurrent decisions win, and the other is told REVIEW.NOT_PENDING (ADR 0011).
 */
export class ReviewRepository {
  constructor(private readonly db: Kysely<LedgerTables>) {}

  list(filter: ReviewFilter = {}): Promise<ReviewPage> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const offset = Math.max(filter.offset ?? 0, 0);
    const where = [sql`n.status = 'needs-review'`];
    if (filter.partner) where.push(sql`n.partner = ${filter.partner}`);
    if (filter.minAgeMs) where.push(sql`n.created_at <= now() - make_interval(secs => ${filter.minAgeMs / 1000}::float8)`);
    if (filter.reason) where.push(sql`n.review_reason ilike ${`%${filter.reason.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    return guard(async () => {
      const { rows } = await sql<ReviewItem & { total: number }>`
        select n.id, n.partner, n.contract || '@' || n.contract_version as contract, n.case_urn as "caseUrn",
          n.defendant_id as "defendantId", n.criticality, n.review_reason as reason,
          coalesce(n.review_evidence, '[]'::jsonb) as evidence, n.created_at as "createdAt", n.deadline_at as "deadlineAt",
          (select count(*) from notifications s where s.order_key = n.order_key and s.sequence > n.sequence and s.status in ${WAITING})::int as "heldSuccessors",
          (count(*) over ())::int as total
        from notifications n where ${sql.join(where, sql` and `)}
        order by n.deadline_at, n.sequence limit ${limit} offset ${offset}`.execute(this.db);
      const total = rows[0]?.total ?? (offset > 0 ? await this.count(filter) : 0);
      return { items: rows.map(({ total: _, ...item }) => item), total, limit, offset };
    });
  }

  /** Items awaiting a person, per partner. */
  async countByPartner(): Promise<{ partner: string; count: number }[]> {
    return guard(async () => {
      const { rows } = await sql<{ partner: string; count: number }>`
        select partner, count(*)::int as count from notifications where status = 'needs-review' group by partner`.execute(this.db);
      return rows;
    });
  }

  private async count(filter: ReviewFilter): Promise<number> {
    const page = await this.list({ ...filter, offset: 0, limit: 1 });
    return page.total;
  }

  /**
   * Record a person's decision. `actor` is the authenticated identity (`api:<client>`,
   * `console:<user>`), never a header the caller chose. Dismissing releases successors held behind
   * this notification at once; after send they follow when it is acknowledged (recordAttempts).
   */
  decide(id: string, decision: ReviewDecision, opts: { actor: string; reason?: string }): Promise<DecisionResult> {
    const reason = opts.reason?.trim() || null;
    if (decision === 'dismiss' && !reason) return Promise.reject(ledgerError(ReviewErrorCode.ReasonRequired, 'a dismissal needs a reason'));
    return guard(() =>
      this.db.transaction().execute(async (trx) => {
        const next = decision === 'send' ? 'pending' : 'dismissed';
        const { rows } = await sql<{ id: string; partner: string; order_key: string }>`
          update notifications set status = ${next}, updated_at = now()
          where id = ${id} and status = 'needs-review' returning id, partner, order_key`.execute(trx);
        const row = rows[0];
        if (!row) throw await this.refusal(trx, id);
        await trx.insertInto('review_decisions').values({ notification_id: id, decision, reason, decided_by: opts.actor }).execute();
        let released: string[] = [];
        if (decision === 'send') {
          await trx.insertInto('outbox').values({ notification_id: id, partner: row.partner }).execute();
        } else {
          // The same release an acknowledgement makes (recordAttempts): held → pending, outbox rows in sequence order.
          const { rows: freed } = await sql<{ notification_id: string }>`
            with released as (
              update notifications h set status = 'pending', hold_reason = null, updated_at = now()
              where h.status = 'held' and h.order_key = ${row.order_key} returning h.id, h.partner, h.sequence
            )
            insert into outbox (notification_id, partner) select id, partner from released order by sequence
            returning notification_id`.execute(trx);
          released = freed.map((r) => r.notification_id);
        }
        await trx
          .insertInto('audit_log')
          .values({ actor: opts.actor, action: `review.${decision}`, detail: jsonb({ notificationId: id, decision, reason, released }) })
          .execute();
        return { id, decision, status: next, released };
      }),
    );
  }

  /** The decision on a notification, if a person made one. */
  decisionFor(id: string): Promise<ReviewDecisionView | undefined> {
    return guard(async () => {
      const row = await this.db.selectFrom('review_decisions').selectAll().where('notification_id', '=', id).executeTakeFirst();
      return row ? { decision: row.decision, reason: row.reason, decidedBy: row.decided_by, decidedAt: row.decided_at } : undefined;
    });
  }

  private async refusal(trx: Kysely<LedgerTables>, id: string) {
    const current = await trx.selectFrom('notifications').select('status').where('id', '=', id).executeTakeFirst();
    if (!current) return ledgerError(ReviewErrorCode.NotFound, `no notification ${id}`);
    return ledgerError(ReviewErrorCode.NotPending, `notification ${id} is ${current.status}, not awaiting review; nothing was changed`);
  }
}
