import type { Queue } from 'bullmq';
import type { LedgerRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import { jobOptions } from '../queues.js';

export interface RepairReport {
  readonly checked: number;
  readonly reEnqueued: number;
  readonly byPartner: Record<string, number>;
}

/**
 * Finds notifications the ledger still owes that no queue holds (Redis wiped, relay crashed
 * between claim and enqueue, a job lost) and enqueues them again. The ledger is the truth;
 * queues are only the means.
 */
export class OwedReconciler {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly queues: ReadonlyMap<string, Queue>,
    private readonly maxAttempts: (partner: string) => number,
    private readonly log: Logger,
  ) {}

  async repairOnce(olderThanMs = 30_000, limit = 5000): Promise<RepairReport> {
    const owed = await this.ledger.findOwedNotDispatched(new Date(Date.now() - olderThanMs), limit);
    const byPartner: Record<string, number> = {};
    let reEnqueued = 0;
    for (const n of owed) {
      const queue = this.queues.get(n.partner);
      if (!queue) continue;
      const job = await queue.getJob(n.id);
      const state = job ? await job.getState() : 'missing';
      if (state === 'missing' || state === 'unknown' || state === 'completed' || state === 'failed') {
        // A completed/failed job for a notification still owed means the worker died before recording; run it again.
        if (job) await job.remove().catch(() => undefined);
        await queue.add('deliver', { notificationId: n.id }, jobOptions(n.id, this.maxAttempts(n.partner)));
        byPartner[n.partner] = (byPartner[n.partner] ?? 0) + 1;
        reEnqueued++;
      }
    }
    if (reEnqueued) this.log.warn({ reEnqueued, byPartner, code: 'RECONCILE.REPAIRED' }, 're-enqueued owed notifications no queue held');
    return { checked: owed.length, reEnqueued, byPartner };
  }
}
