import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** One BullMQ queue per partner, so one partner's backlog or outage never blocks another's. */
export const queueName = (partner: string): string => `partner-${partner}`;

/** Full-jitter exponential backoff: random(0, min(cap, base·2^n)). Spreads retries after an outage. */
export function fullJitterBackoff(attemptsMade: number, baseMs = 1000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.floor(Math.random() * ceiling);
}

export function jobOptions(notificationId: string, maxAttempts: number) {
  return {
    jobId: notificationId,
    attempts: maxAttempts,
    backoff: { type: 'full-jitter' },
    // Completed jobs are evidence only in the ledger; failed ones stay for inspection (never removeOnFail).
    removeOnComplete: { count: 5000 },
    removeOnFail: false,
  } as const;
}

export function openQueues(partners: readonly string[], connection: Redis, prefix: string): Map<string, Queue> {
  return new Map(partners.map((p) => [p, new Queue(queueName(p), { connection, prefix })]));
}
