import type { DeliveryControlRepository, Escalation } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';

export interface EscalationLevel {
  readonly name: string;
  /** Fraction of the way from acceptance to deadline; 1 = breach. */
  readonly fraction: number;
}

export const DEFAULT_LEVELS: readonly EscalationLevel[] = [
  { name: 'deadline-half', fraction: 0.5 },
  { name: 'deadline-90pct', fraction: 0.9 },
  { name: 'deadline-breach', fraction: 1 },
];

/**
 * Deadlines escalate before they pass: each level fires once per notification (the ledger's
 * primary key decides, so several workers never double-alert), to the log, a metric and an
 * alert webhook. The webhook is best effort; the ledger keeps the fact.
 */
export class Escalator {
  constructor(
    private readonly control: DeliveryControlRepository,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly webhookUrl: string | undefined,
    private readonly levels: readonly EscalationLevel[] = DEFAULT_LEVELS,
  ) {}

  async runOnce(now = new Date()): Promise<Escalation[]> {
    const fired = await this.control.fireEscalations(this.levels, now);
    for (const e of fired) await this.raise(e);
    return fired;
  }

  async raise(e: Pick<Escalation, 'notificationId' | 'partner' | 'level'> & Partial<Escalation>): Promise<void> {
    this.metrics.escalations.inc({ partner: e.partner, level: e.level });
    this.log.warn({ code: `ESCALATION.${e.level.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`, notificationId: e.notificationId, partner: e.partner, criticality: e.criticality, deadlineAt: e.deadlineAt, status: e.status }, `escalation ${e.level}`);
    if (!this.webhookUrl) return;
    try {
      await fetch(this.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'cp-bridge.escalation', ...e }), signal: AbortSignal.timeout(5000) });
    } catch (err) {
      this.log.error({ code: 'ESCALATION.WEBHOOK_FAILED', err: (err as Error).message }, 'alert webhook failed; escalation is recorded in the ledger');
    }
  }
}
