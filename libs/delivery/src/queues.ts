import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** One BullMQ queue per partner, so one partner's backlog or outage never blocks another's. */
export const queueName = (partner: string): string => `partner-${partner}`;

/** Full-jitter exponential backoff: random(0, min(cap, base·2^n)). Spreads retries after an outage. */
export function fullJitterBackoff(attemptsMade: number, baseMs = 1000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.floor(Math.random() * ceiling);
}

/**
 * Critical work first when a backlog forms. BullMQ runs jobs without a priority before
 * prioritised ones, so critical jobs carry none and the rest are ranked behind them.
 */
export function priorityOf(criticality: string | undefined): number | undefined {
  return criticality === 'high' ? 1 : criticality === 'normal' ? 2 : undefined;
}

export function jobOptions(notificationId: string, maxAttempts: number, criticality?: string) {
  const priority = priorityOf(criticality);
  return {
    jobId: notificationId,
    ...(priority ? { priority } : {}),
    attempts: maxAttempts,
    backoff: { type: 'full-jitter' },
    // The ledger is the record; a completed job is removed at once so that a replay or a
    // reconciler repair can enqueue the same notification id again. Failed jobs stay for
    // inspection (never removeOnFail) until the reconciler re-runs them.
    removeOnComplete: true,
    removeOnFail: false,
  } as const;
}

export function openQueues(partners: readonly string[], connection: Redis, prefix: string): Map<string, Queue> {
  return new Map(partners.map((p) => [p, new Queue(queueName(p), { connection, prefix })]));
}
