import { DelayedError, type Job, Worker } from 'bullmq';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';
import type { Escalator } from '../escalation/escalator.js';
import { type DispatchDeps, dispatchNotification } from './dispatch-notification.use-case.js';

export interface ProcessorContext {
  readonly partner: string;
  readonly deps: DispatchDeps;
  readonly metrics: Metrics;
  readonly log: Logger;
  readonly escalator: Escalator;
  readonly maxAttempts: number;
  /** The BullMQ worker this processor runs in (set after construction), for pausing on an open circuit. */
  worker?: Worker;
}

const ORDER_WAIT_MS = 500;

/**
 * The thin BullMQ side of dispatch: translate the use-case's answer into queue behaviour.
 * retry → throw (BullMQ backoff); wait → delay without using an attempt; circuit open → pause
 * this partner's queue (rate-limit) without using an attempt; everything else is final and is
 * already in the ledger.
 */
export function partnerProcessor(ctx: ProcessorContext) {
  return async (job: Job, token?: string) => {
    const notificationId = job.data.notificationId as string;
    const result = await dispatchNotification(ctx.deps, notificationId, { made: job.attemptsMade, max: job.opts.attempts ?? ctx.maxAttempts }, ctx.partner);
    switch (result.kind) {
      case 'acknowledged':
        ctx.metrics.attempts.inc({ partner: ctx.partner, class: 'success' });
        ctx.metrics.deliverySeconds.observe({ partner: ctx.partner }, (Date.now() - job.timestamp) / 1000);
        return result;
      case 'parked':
        ctx.metrics.attempts.inc({ partner: ctx.partner, class: result.failureClass });
        ctx.metrics.parked.inc({ partner: ctx.partner, code: result.code });
        ctx.log.warn({ code: result.code, notificationId, partner: ctx.partner, class: result.failureClass }, 'notification parked');
        if (result.failureClass === 'business') await ctx.escalator.raise({ notificationId, partner: ctx.partner, level: 'business-rejection' });
        return result;
      case 'retry':
        ctx.metrics.attempts.inc({ partner: ctx.partner, class: 'transport' });
        throw new Error(`${result.code}: ${result.message}`);
      case 'wait':
        await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
        throw new DelayedError();
      case 'held':
        if (result.escalate) await ctx.escalator.raise({ notificationId, partner: ctx.partner, level: 'held-behind-predecessor' });
        return result;
      case 'circuit-open':
        if (ctx.worker) await ctx.worker.rateLimit(result.retryAfterMs);
        throw Worker.RateLimitError();
      case 'skipped':
        return result;
    }
  };
}
