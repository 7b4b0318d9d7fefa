import type { DeliveryControlRepository, Escalation, EscalationGroup } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';
import { type GroupAlert, GroupAlertPublisher, levelCode, toGroupAlert } from './group-alert.publisher.js';

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
 * `repeatMs` per group and only when something new joined it. Two statements a pass.
 */
export class Escalator {
  private readonly levels: readonly EscalationLevel[];
  private readonly repeatMs: number;
  private readonly batchLimit: number;
  private readonly publisher: GroupAlertPublisher;
  private pass: Promise<unknown> = Promise.resolve();
  private readonly gaugeLabels = new Set<string>();

  constructor(
    private readonly control: Pick<DeliveryControlRepository, 'recordDueEscalations' | 'claimEscalationGroups'>,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly webhookUrl: string | undefined,
    opts: EscalatorOptions = {},
  ) {
    this.levels = opts.levels ?? DEFAULT_LEVELS;
    this.repeatMs = opts.repeatMs ?? DEFAULT_ALERT_REPEAT_MS;
    this.batchLimit = opts.batchLimit ?? 5000;
    this.publisher = new GroupAlertPublisher(log, metrics, webhookUrl, opts.webhookTimeoutMs);
  }

  /** Webhook alerts not yet delivered (retried on the next pass). */
  get pendingWebhooks(): number {
    return this.publisher.pendingWebhooks;
  }

  /** One pass; passes never overlap in a process (a slow webhook delays the next, never doubles it). */
  runOnce(now = new Date()): Promise<GroupAlert[]> {
    const run = this.pass.then(() => this.escalate(now));
    this.pass = run.catch(() => undefined);
    return run;
  }

  private async escalate(now: Date): Promise<GroupAlert[]> {
    const recorded = await this.control.recordDueEscalations(this.levels, now, this.batchLimit);
    for (const r of recorded) this.metrics.escalations.inc({ partner: r.partner, level: r.level }, r.count);
    const groups = await this.control.claimEscalationGroups(this.levels, now, this.repeatMs);
    this.refreshGauges(groups, now);
    const alerts = groups.filter((g) => g.newCount > 0).map((g) => toGroupAlert(g, now));
    await this.publisher.publish(alerts, groups, now);
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
   * A one-off escalation raised at the moment it happens (business rejection, held behind a
   * predecessor), per notification; the deadline levels go through the grouped pass instead.
   */
  async raise(e: Pick<Escalation, 'notificationId' | 'partner' | 'level'> & Partial<Escalation>): Promise<void> {
    this.metrics.escalations.inc({ partner: e.partner, level: e.level });
    this.log.warn({ code: levelCode(e.level), notificationId: e.notificationId, partner: e.partner, criticality: e.criticality, deadlineAt: e.deadlineAt, status: e.status }, `escalation ${e.level}`);
    if (!this.webhookUrl) return;
    try {
      await fetch(this.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'cp-bridge.escalation', ...e }), signal: AbortSignal.timeout(5000) });
    } catch (err) {
      this.log.error({ code: 'ESCALATION.WEBHOOK_FAILED', err: (err as Error).message }, 'alert webhook failed; escalation is recorded in the ledger');
    }
  }
}
