import type { EscalationGroup } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';

/**
 * What one grouped escalation says, on every channel (log line, webhook body). Identifiers, codes
 * and the case URN only: no names or other personal data.
 */
export interface GroupAlert {
  readonly type: 'cp-bridge.escalation-group';
  readonly code: string;
  readonly partner: string;
  readonly level: string;
  readonly cause: string;
  readonly errorCode: string | null;
  /** Notifications in the group now. */
  readonly count: number;
  /** Of those, escalated into the group since its last alert. */
  readonly newCount: number;
  readonly oldest: {
    readonly notificationId: string;
    readonly caseUrn: string | null;
    readonly criticality: string;
    readonly deadlineAt: string;
    /** Seconds past the deadline; negative while it is still ahead (50 % and 90 % levels). */
    readonly overdueSeconds: number;
  };
  readonly at: string;
}

export const groupKey = (g: Pick<EscalationGroup, 'partner' | 'level' | 'cause' | 'errorCode'>): string => [g.partner, g.level, g.cause, g.errorCode ?? ''].join('|');

export const levelCode = (level: string): string => `ESCALATION.${level.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

export function toGroupAlert(g: EscalationGroup, now: Date, newCount = g.newCount): GroupAlert {
  return {
    type: 'cp-bridge.escalation-group',
    code: levelCode(g.level),
    partner: g.partner,
    level: g.level,
    cause: g.cause,
    errorCode: g.errorCode,
    count: g.count,
    newCount,
    oldest: {
      notificationId: g.oldest.notificationId,
      caseUrn: g.oldest.caseUrn,
      criticality: g.oldest.criticality,
      deadlineAt: g.oldest.deadlineAt.toISOString(),
      overdueSeconds: Math.round((now.getTime() - g.oldest.deadlineAt.getTime()) / 1000),
    },
    at: now.toISOString(),
  };
}

/**
 * Raises grouped alerts: a metric and one structured log line each at once, and one webhook POST
 * each. A POST that fails is logged (one line a pass) and sent again on the next pass, refreshed
 * with the group's current count and oldest item, until it is delivered or the group is empty.
 * Undelivered posts live in this process only; the log line and metric already carried the alert.
 */
export class GroupAlertPublisher {
  private readonly undelivered = new Map<string, GroupAlert>();

  constructor(
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly webhookUrl: string | undefined,
    private readonly timeoutMs = 5000,
  ) {}

  /** Webhook alerts still waiting for a successful POST. */
  get pendingWebhooks(): number {
    return this.undelivered.size;
  }

  async publish(fresh: readonly GroupAlert[], groups: readonly EscalationGroup[], now: Date): Promise<void> {
    for (const a of fresh) {
      this.metrics.escalationAlerts.inc({ partner: a.partner, level: a.level, cause: a.cause });
      // `level` is pino's own key: the escalation level is logged as escalationLevel.
      const { type: _type, level, ...line } = a;
      this.log.warn({ ...line, escalationLevel: level }, `escalation ${level}: ${a.count} ${a.cause} for ${a.partner}`);
    }
    if (!this.webhookUrl) return;
    const outgoing = new Map<string, GroupAlert>();
    const current = new Map(groups.map((g) => [groupKey(g), g]));
    for (const [key, old] of this.undelivered) {
      const g = current.get(key);
      if (g) outgoing.set(key, toGroupAlert(g, now, old.newCount + g.newCount));
    }
    for (const a of fresh) if (!outgoing.has(groupKey(a))) outgoing.set(groupKey(a), a);
    this.undelivered.clear();
    const results = await Promise.all([...outgoing].map(async ([key, a]) => [key, a, await this.post(a)] as const));
    const failed = results.filter(([, , err]) => err !== undefined);
    for (const [key, a] of failed) this.undelivered.set(key, a);
    if (failed.length) {
      this.log.error({ code: 'ESCALATION.WEBHOOK_FAILED', failed: failed.length, sent: results.length - failed.length, err: failed[0]![2] }, 'alert webhook failed; will try again next pass');
    }
  }

  /** undefined when delivered; otherwise why not. */
  private async post(a: GroupAlert): Promise<string | undefined> {
    try {
      const res = await fetch(this.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a), signal: AbortSignal.timeout(this.timeoutMs) });
      await res.body?.cancel();
      return res.ok ? undefined : `HTTP ${res.status}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
}
