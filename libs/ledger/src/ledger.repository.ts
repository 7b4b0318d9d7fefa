import { sql, type Kysely } from 'kysely';
import { acceptEvents, type AmendmentStep } from './accept-events.js';
import { type DispatchLoad, loadDispatchBatch, recordAttempts, startAttempts } from './dispatch-batch.queries.js';
import { guard, LedgerErrorCode, ledgerError } from './ledger.errors.js';
import type { LedgerTables, NotificationStatus } from './ledger.tables.js';
import type {
  AcceptEventInput,
  AcceptEventResult,
  AttemptInput,
  AttemptNextStatus,
  NotificationFilter,
  NotificationRecord,
  NotificationView,
  OutboxClaim,
  OwedNotification,
  PartnerDayCounts,
  RecordAttemptResult,
  ReviewEvidence,
} from './ledger.types.js';
import { ReviewRepository } from './review.repository.js';
import { contractRef, jsonb, RECORD_COLUMNS, toRecord } from './notification-row.mapper.js';

function unwrap<T>(result: T | Error | undefined): T {
  if (result instanceof Error) throw result;
  if (result === undefined) throw ledgerError(LedgerErrorCode.NotFound, 'no result for the notification');
  return result;
}

const OWED: NotificationStatus[] = ['pending', 'retrying', 'in-flight'];

/**
 * The durable record of every obligation to notify a partner. All multi-row writes are single
 * transactions; every method maps driver failures to LEDGER.* codes (see ledger.errors.ts).
 */
export class LedgerRepository {
  constructor(private readonly db: Kysely<LedgerTables>) {}

  async acceptEvent(input: AcceptEventInput): Promise<AcceptEventResult> {
    const [result] = await this.acceptEvents([input]);
    return result!;
  }

  /** Same semantics as acceptEvent for many events, all or nothing (results in input order). */
  /** `amend` decides what an event that amends a stored share of its hearing owes (ADR 0012). */
  acceptEvents(batch: readonly AcceptEventInput[], amend?: AmendmentStep): Promise<AcceptEventResult[]> {
    if (batch.length === 0) return Promise.resolve([]);
    return guard(() => acceptEvents(this.db, batch, amend));
  }

  getNotification(id: string): Promise<NotificationView | undefined> {
    return guard(async () => {
      const row = await this.db
        .selectFrom('notifications')
        .select([...RECORD_COLUMNS, 'document', 'review_evidence', 'hold_reason'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const decision = row.needs_review ? await new ReviewRepository(this.db).decisionFor(id) : undefined;
      const attempts = await this.db
        .selectFrom('attempts')
        .select(['attempt_no', 'started_at', 'finished_at', 'outcome', 'error_code', 'error_message', 'ack_ref', 'duration_ms'])
        .where('notification_id', '=', id)
        .orderBy('id')
        .execute();
      const { attempts: attemptCount, contract, contractVersion, lastErrorCode, lastErrorMessage, ...rest } = toRecord(row);
      return {
        ...rest,
        contract: contractRef(contract, contractVersion),
        attemptCount,
        lastErrorCode,
        lastErrorMessage,
        lastError: lastErrorCode || lastErrorMessage ? { code: lastErrorCode, message: lastErrorMessage } : null,
        document: row.document,
        holdReason: row.status === 'held' ? row.hold_reason : null,
        review: row.needs_review ? { reason: row.review_reason, evidence: (row.review_evidence as ReviewEvidence[] | null) ?? [], decision: decision ?? null } : null,
        attempts: attempts.map((a) => ({
          attemptNo: a.attempt_no,
          startedAt: a.started_at,
          finishedAt: a.finished_at,
          outcome: a.outcome,
          errorCode: a.error_code,
          errorMessage: a.error_message,
          ackRef: a.ack_ref,
          durationMs: a.duration_ms,
        })),
      };
    });
  }

  /**
   * Takes up to `limit` rows off the outbox in one statement, oldest first. SKIP LOCKED lets
   * concurrent relays take disjoint rows instead of queueing behind each other. Taken rows are
   * deleted, not marked: the notification is the record, and a marked row was a second write per
   * delivery that stayed for ever (nothing pruned it). A crash between this commit and the
   * enqueue leaves a notification owed, out of the outbox and in no queue — exactly what the
   * reconciler repairs (`owedNotInOutbox`), as it did when rows were only marked.
   */
  claimOutbox(limit: number): Promise<OutboxClaim[]> {
    return guard(async () => {
      const { rows } = await sql<{ id: number; notification_id: string; partner: string; criticality: string }>`
        with claimed as (
          delete from outbox
          where id in (
            select id from outbox where relayed_at is null order by id limit ${limit} for update skip locked
          )
          returning id, notification_id, partner
        )
        select c.id, c.notification_id, c.partner, n.criticality
        from claimed c join notifications n on n.id = c.notification_id`.execute(this.db);
      return rows
        .map((r) => ({ outboxId: Number(r.id), notificationId: r.notification_id, partner: r.partner, criticality: r.criticality }))
        .sort((a, b) => a.outboxId - b.outboxId);
    });
  }

  /** Puts back claimed rows whose enqueue failed, under their own ids (so in their old order), for the next pass. */
  async unrelayOutbox(claims: readonly Pick<OutboxClaim, 'outboxId' | 'notificationId' | 'partner'>[]): Promise<void> {
    if (claims.length === 0) return;
    await guard(
      () => sql`
        insert into outbox (id, notification_id, partner)
        select * from unnest(${claims.map((c) => c.outboxId)}::bigint[], ${claims.map((c) => c.notificationId)}::text[], ${claims.map((c) => c.partner)}::text[])
        on conflict (id) do nothing`.execute(this.db),
    );
  }

  async loadForDispatch(notificationId: string): Promise<DispatchLoad | undefined> {
    return (await loadDispatchBatch(this.db, [notificationId]))[0];
  }

  /** Counts the attempt and marks the notification in-flight; returns the attempt number. */
  async startAttempt(notificationId: string): Promise<number> {
    return unwrap((await startAttempts(this.db, [notificationId]))[0]);
  }

  /**
   * Records one attempt and moves the notification on (see recordAttempts: acknowledged is final,
   * a late failure is kept in the history, an ack releases held successors in the same commit).
   */
  async recordAttempt(notificationId: string, attempt: AttemptInput, nextStatus: AttemptNextStatus): Promise<RecordAttemptResult> {
    return unwrap((await recordAttempts(this.db, [{ id: notificationId, attempt, next: nextStatus }]))[0]);
  }

  /** For the reconciler: owed work untouched since `olderThan`, oldest first. */
  findOwedNotDispatched(olderThan: Date, limit: number): Promise<OwedNotification[]> {
    return guard(async () => {
      const rows = await this.db
        .selectFrom('notifications')
        .select(['id', 'partner', 'status', 'order_key', 'sequence', 'updated_at'])
        .where('status', 'in', OWED)
        .where('updated_at', '<', olderThan)
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        partner: r.partner,
        status: r.status,
        orderKey: r.order_key,
        sequence: Number(r.sequence),
        updatedAt: r.updated_at,
      }));
    });
  }

  /**
   * Reconciliation, per partner and UTC day: obligated = acknowledged + inFlight + parked +
   * needsReview (awaiting a person) + dismissed (decided by one). Every status falls in exactly one.
   */
  countsByPartnerAndDay(from: Date, to: Date, asOf: Date = new Date()): Promise<PartnerDayCounts[]> {
    return guard(async () => {
      const { rows } = await sql<PartnerDayCounts>`
        select partner,
          to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
          count(*)::int as obligated,
          (count(*) filter (where status = 'acknowledged'))::int as acknowledged,
          (count(*) filter (where status in ('pending', 'in-flight', 'retrying', 'held')))::int as "inFlight",
          (count(*) filter (where status = 'parked'))::int as parked,
          (count(*) filter (where status = 'needs-review'))::int as "needsReview",
          (count(*) filter (where status = 'dismissed'))::int as dismissed,
          (count(*) filter (where status <> 'acknowledged' and status <> 'dismissed' and deadline_at < ${asOf}))::int as overdue
        from notifications
        where created_at >= ${from} and created_at < ${to}
        group by 1, 2
        order by 2, 1`.execute(this.db);
      return rows;
    });
  }

  listNotifications(filter: NotificationFilter = {}): Promise<NotificationRecord[]> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    return guard(async () => {
      let query = this.db.selectFrom('notifications').select(RECORD_COLUMNS);
      if (filter.status) query = query.where('status', '=', filter.status as NotificationStatus);
      if (filter.partner) query = query.where('partner', '=', filter.partner);
      if (filter.caseUrn) query = query.where('case_urn', '=', filter.caseUrn);
      const rows = await query.orderBy('sequence', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    });
  }

  /** Operator actions (replay, pin changes) leave a trail here. */
  async appendAudit(actor: string, action: string, detail: unknown = {}): Promise<void> {
    await guard(() => this.db.insertInto('audit_log').values({ actor, action, detail: jsonb(detail) }).execute());
  }
}
