import type { EscalationGroup } from '../../../../libs/ledger/src/index.js';
import type { Logger } from '../../../../libs/observability/src/logger.js';
import type { Metrics } from '../../../../libs/observability/src/metrics.js';
import type { EventAlert } from './event-alert.throttle.js';
import { type GroupAlert, groupKey, toGroupAlert } from './group-alert.mapper.js';

export type EscalationAlert = GroupAlert | EventAlert;

const keyOf = (a: EscalationAlert): string => (a.type === 'cp-bridge.escalation-group' ? groupKey(a) : `event|${a.partner}|${a.level}`);

/**
 * Raises alerts: a metric and one structured log line each at once, and one webhook POST each.
 * A POST that fails (error or non-2xx) is logged (one line per batch) and sent again on the
 * escalator's next pass — a group alert refreshed with the group's current count and oldest item,
 * or dropped if the group has emptied. Undelivered posts live in this process only; the log line
 * and metric have already carried the alert.
 */
export class EscalationAlertPublisher {
  private readonly undelivered = new Map<string, EscalationAlert>();
  private queue: Promise<unknown> = Promise.resolve();

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

  /**
   * Announce and POST fresh alerts; on a pass (with its groups), re-send what failed before as
   * well. One publish at a time, so an event alert and a pass never both re-send the same failure.
   */
  publish(fresh: readonly EscalationAlert[], pass?: { groups: readonly EscalationGroup[]; now: Date }): Promise<void> {
    const run = this.queue.then(() => this.publishNow(fresh, pass));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async publishNow(fresh: readonly EscalationAlert[], pass?: { groups: readonly EscalationGroup[]; now: Date }): Promise<void> {
    for (const a of fresh) {
      this.metrics.escalationAlerts.inc({ partner: a.partner, level: a.level, cause: a.cause });
      // `level` is pino's own key: the escalation level is logged as escalationLevel.
      const { type: _type, level, ...line } = a;
      this.log.warn({ ...line, escalationLevel: level }, `escalation ${level}: ${a.count} ${a.cause} for ${a.partner}`);
    }
    if (!this.webhookUrl) return;
    const outgoing = new Map<string, EscalationAlert>();
    for (const a of fresh) outgoing.set(keyOf(a), withUndelivered(this.undelivered.get(keyOf(a)), a));
    if (pass) {
      // The rest of what failed before: event alerts as they were, group alerts as the group is now.
      const current = new Map(pass.groups.map((g) => [groupKey(g), g]));
      for (const [key, old] of this.undelivered) {
        if (outgoing.has(key)) continue;
        const g = current.get(key);
        if (old.type === 'cp-bridge.escalation') outgoing.set(key, old);
        else if (g) outgoing.set(key, toGroupAlert(g, pass.now, old.newCount));
      }
      this.undelivered.clear();
    }
    const results = await Promise.all([...outgoing].map(async ([key, a]) => ({ key, a, err: await this.post(a) })));
    const failed = results.filter((r) => r.err !== undefined);
    for (const { key, a, err } of results) {
      if (err === undefined) this.undelivered.delete(key);
      else this.undelivered.set(key, a);
    }
    if (failed.length) {
      this.log.error({ code: 'ESCALATION.WEBHOOK_FAILED', failed: failed.length, sent: results.length - failed.length, err: failed[0]!.err }, 'alert webhook failed; will try again next pass');
    }
  }

  /** undefined when delivered; otherwise why not. */
  private async post(a: EscalationAlert): Promise<string | undefined> {
    try {
      const res = await fetch(this.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a), signal: AbortSignal.timeout(this.timeoutMs) });
      await res.body?.cancel();
      return res.ok ? undefined : `HTTP ${res.status}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
}

/** A fresh alert for a group whose last POST failed also carries what that one counted. */
function withUndelivered(old: EscalationAlert | undefined, fresh: EscalationAlert): EscalationAlert {
  if (old?.type === 'cp-bridge.escalation-group' && fresh.type === 'cp-bridge.escalation-group') return { ...fresh, newCount: fresh.newCount + old.newCount };
  if (old?.type === 'cp-bridge.escalation' && fresh.type === 'cp-bridge.escalation') return { ...fresh, count: fresh.count + old.count, notificationId: old.notificationId };
  return fresh;
}
