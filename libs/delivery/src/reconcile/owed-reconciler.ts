import type { Queue } from 'bullmq';
import type { Kysely } from 'kysely';
import { type LedgerRepository, type LedgerTables, owedOutsideOutbox } from '../../../ledger/src/index.js';
import type { Logger } from '../../../observability/src/logger.js';
import { jobOptions } from '../queues.js';

export interface RepairReport {
  readonly checked: number;
  readonly reEnqueued: number;
  readonly byPartner: Record<string, number>;
}

export interface ReconciliationRow {
  readonly partner: string;
  readonly day: string;
  readonly obligated: number;
  readonly acknowledged: number;
  readonly inFlight: number;
  readonly parked: number;
  /** Awaiting a person's decision: accounted for by the person asked, not by a queue. */
  readonly needsReview: number;
  /** Decided by a person not to be sent (final). */
  readonly dismissed: number;
  readonly overdue: number;
  /**
   * Owed, not in the outbox, held by no queue, and no person asked about it: lost unless repaired.
   * Must be 0. Part of inFlight (the columns above add up to obligated without it).
   */
  readonly unaccounted: number;
}

const LIVE = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * Finds notifications the ledger owes that no queue holds (Redis wiped, relay crashed between
 * claim and enqueue, a job lost) and, when repairing, enqueues them again. The ledger is the
 * truth; queues are only the means (docs/adr/0002).
 */
export class OwedReconciler {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly db: Kysely<LedgerTables>,
    private readonly queues: ReadonlyMap<string, Queue>,
    private readonly maxAttempts: (partner: string) => number,
    private readonly log: Logger,
    /** Set-based job states (the PostgreSQL backend's); without it, one getJobState per notification. */
    private readonly jobStates?: (partner: string, ids: readonly string[]) => Promise<Map<string, string>>,
  ) {}

  private async statesOf(chunk: readonly { id: string; partner: string }[]): Promise<string[]> {
    if (!this.jobStates) return Promise.all(chunk.map((n) => this.queues.get(n.partner)?.getJobState(n.id) ?? Promise.resolve('unknown')));
    const byPartner = new Map<string, string[]>();
    for (const n of chunk) (byPartner.get(n.partner) ?? byPartner.set(n.partner, []).get(n.partner)!).push(n.id);
    const states = new Map<string, string>();
    for (const [partner, ids] of byPartner) {
      if (!this.queues.has(partner)) continue;
      for (const [id, state] of await this.jobStates(partner, ids)) states.set(`${partner}|${id}`, state);
    }
    return chunk.map((n) => states.get(`${n.partner}|${n.id}`) ?? 'unknown');
  }

  /** Owed notifications whose job is missing or finished (state checked in parallel batches). */
  async findUnaccounted(graceMs: number, limit = 20_000): Promise<{ id: string; partner: string; day: string; state: string }[]> {
    const owed = await owedOutsideOutbox(this.db, new Date(Date.now() - graceMs), limit);
    const lost: { id: string; partner: string; day: string; state: string }[] = [];
    for (let i = 0; i < owed.length; i += 500) {
      const chunk = owed.slice(i, i + 500);
      const states = await this.statesOf(chunk);
      chunk.forEach((n, j) => {
        if (!LIVE.has(states[j]!)) lost.push({ ...n, state: states[j]! });
      });
    }
    return lost;
  }

  async repairOnce(graceMs = 30_000, limit = 20_000): Promise<RepairReport> {
    const lost = await this.findUnaccounted(graceMs, limit);
    const byPartner: Record<string, number> = {};
    for (const n of lost) {
      const queue = this.queues.get(n.partner);
      if (!queue) continue;
      // A finished job for a notification still owed means the worker died before recording it.
      if (n.state === 'completed' || n.state === 'failed') await queue.remove(n.id).catch(() => 0);
      await queue.add('deliver', { notificationId: n.id }, jobOptions(n.id, this.maxAttempts(n.partner)));
      byPartner[n.partner] = (byPartner[n.partner] ?? 0) + 1;
    }
    if (lost.length) this.log.warn({ reEnqueued: lost.length, byPartner, code: 'RECONCILE.REPAIRED' }, 're-enqueued owed notifications no queue held');
    return { checked: lost.length, reEnqueued: lost.length, byPartner };
  }

  /** Per partner and day: obligated, acknowledged, in flight, parked, needs review, dismissed, overdue, unaccounted. */
  async report(from: Date, to: Date, graceMs = 30_000): Promise<ReconciliationRow[]> {
    const [counts, lost] = await Promise.all([this.ledger.countsByPartnerAndDay(from, to), this.findUnaccounted(graceMs)]);
    const lostBy = new Map<string, number>();
    for (const n of lost) lostBy.set(`${n.partner}|${n.day}`, (lostBy.get(`${n.partner}|${n.day}`) ?? 0) + 1);
    return counts.map((c) => ({ ...c, unaccounted: lostBy.get(`${c.partner}|${c.day}`) ?? 0 }));
  }
}
