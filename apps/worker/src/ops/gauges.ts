import type { Queue } from 'bullmq';
import type { DeliveryControlRepository } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';

/** Refreshes the queue-depth and owed-work gauges every few seconds. */
export function watchGauges(metrics: Metrics, control: DeliveryControlRepository, queues: ReadonlyMap<string, Queue>, log: Logger, everyMs = 5000): NodeJS.Timeout {
  return setInterval(() => {
    void (async () => {
      for (const [partner, queue] of queues) {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
        for (const [state, n] of Object.entries(counts)) metrics.queueDepth.set({ partner, state }, n);
      }
      for (const row of await control.owedByPartner()) {
        metrics.owed.set({ partner: row.partner }, row.owed);
        metrics.oldestOwedAge.set({ partner: row.partner }, row.oldestAgeSeconds);
      }
    })().catch((e: Error) => log.error({ err: e.message, code: 'METRICS.FAILED' }, 'gauge refresh failed'));
  }, everyMs);
}
