import type { DeliveryControlRepository, EscalationGroup } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';
import { type EscalationAlert, EscalationAlertPublisher } from './escalation-alert.publisher.js';
import { type EventEscalation, EventAlertThrottle } from './event-alert.throttle.js';
import { toGroupAlert } from './group-alert.mapper.js';

export interface EscalationLevel {
  readonly name: string;
  /** Fraction of the way from acceptance to deadline; 1 = breach. Listed lowest first. */
  readonly fraction: number;
}

export const DEFAULT_LEVELS: readonly EscalationLevel[] = [
  { name: 'deadline-half', fraction: 0.5 },
  { name: 'deadline-90pct', fraction: 0.9 },
  { name: 'deadline-breach', fraction: 1 },
];

export interface EscalatorOptions {
  readonly levels?: readonly EscalationLevel[];
  /** A group that keeps growing alerts again at most this often (ms); its first alert goes at once. */
  readonly repeatMs?: number;
  /** Notifications escalated per pass at most; the rest (least urgent) wait for the next pass. */
  readonly batchLimit?: number;
  readonly webhookTimeoutMs?: number;
}

export const DEFAULT_ALERT_REPEAT_MS = 5 * 60_000;

/**
 * Deadlines escalate before they pass. Each level is recorded once per notification in the
 * ledger (its primary key decides, so several workers never double-record), but alerts are
 * grouped: one per partner, highest level reached and cause (in flight, parked with its code,
 * held, needs review…), carrying the count and the most overdue item, at most once per
 * `repeatMs` per group and only when something new joined it. Two statements a pass. Event
 * escalations (raise) are throttled the same way per partner and level, in this process.
 */
export class Escalator {
  private readonly levels: readonly EscalationLevel[];
  private readonly repeatMs: number;
  private readonly batchLimit: number;
  private readonly publisher: EscalationAlertPublisher;
  private readonly events: EventAlertThrottle;
  private pass: Promise<unknown> = Promise.resolve();
  private nextPass?: Promise<EscalationAlert[]>;
  private readonly gaugeLabels = new Set<string>();

  constructor(
    private readonly control: Pick<DeliveryControlRepository, 'recordDueEscalations' | 'claimEscalationGroups'>,
    log: Logger,
    private readonly metrics: Metrics,
    webhookUrl: string | undefined,
    opts: EscalatorOptions = {},
  ) {
    this.levels = opts.levels ?? DEFAULT_LEVELS;
    this.repeatMs = opts.repeatMs ?? DEFAULT_ALERT_REPEAT_MS;
    this.batchLimit = opts.batchLimit ?? 5000;
    this.publisher = new EscalationAlertPublisher(log, metrics, webhookUrl, opts.webhookTimeoutMs);
    this.events = new EventAlertThrottle(this.repeatMs);
  }

  /** Webhook alerts not yet delivered (retried on the next pass). */
  get pendingWebhooks(): number {
    return this.publisher.pendingWebhooks;
  }

  /**
   * One pass at `at` (default: when it starts). Passes never overlap in a process: a slow webhook
   * delays the next; timer ticks arriving while one waits join it instead of queueing more.
   */
  runOnce(at?: Date): Promise<EscalationAlert[]> {
    if (!at && this.nextPass) return this.nextPass;
    const run: Promise<EscalationAlert[]> = this.pass.then(() => {
      if (this.nextPass === run) this.nextPass = undefined;
      return this.escalate(at ?? new Date());
    });
    if (!at) this.nextPass = run;
    this.pass = run.catch(() => undefined);
    return run;
  }

  private async escalate(now: Date): Promise<EscalationAlert[]> {
    const recorded = await this.control.recordDueEscalations(this.levels, now, this.batchLimit);
    for (const r of recorded) this.metrics.escalations.inc({ partner: r.partner, level: r.level }, r.count);
    const groups = await this.control.claimEscalationGroups(this.levels, now, this.repeatMs);
    this.refreshGauges(groups, now);
    const alerts = [...groups.filter((g) => g.newCount > 0).map((g) => toGroupAlert(g, now)), ...this.events.due(now)];
    await this.publisher.publish(alerts, { groups, now });
    return alerts;
  }

  private refreshGauges(groups: readonly EscalationGroup[], now: Date): void {
    const seen = new Set<string>();
    for (const g of groups) {
      const labels = { partner: g.partner, level: g.level, cause: g.cause, code: g.errorCode ?? '' };
      seen.add(JSON.stringify(labels));
      this.metrics.escalatedOwed.set(labels, g.count);
      this.metrics.escalatedOldestOverdue.set(labels, (now.getTime() - g.oldest.deadlineAt.getTime()) / 1000);
    }
    // A group that emptied reads 0 rather than its last count.
    for (const key of this.gaugeLabels) {
      if (seen.has(key)) continue;
      this.metrics.escalatedOwed.set(JSON.parse(key) as Record<string, string>, 0);
      this.metrics.escalatedOldestOverdue.remove(JSON.parse(key) as Record<string, string>);
    }
    for (const key of seen) this.gaugeLabels.add(key);
  }

  /**
   * An escalation of one notification at the moment it happens (business rejection, held behind a
   * predecessor). Counted per notification; alerted per partner and level like the deadline
   * groups: the first at once, the rest of an interval together on a later pass.
   */
  async raise(e: EventEscalation, now = new Date()): Promise<void> {
    this.metrics.escalations.inc({ partner: e.partner, level: e.level });
    const alert = this.events.offer(e, now);
    if (alert) await this.publisher.publish([alert]);
  }
}
