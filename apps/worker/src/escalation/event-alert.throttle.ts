import { levelCode } from './group-alert.mapper.js';

/** An escalation raised the moment it happens to one notification (not a deadline level). */
export interface EventEscalation {
  readonly notificationId: string;
  readonly partner: string;
  /** e.g. business-rejection, held-behind-predecessor */
  readonly level: string;
}

/** What an event alert says (log line, webhook body): identifiers and counts only. */
export interface EventAlert {
  readonly type: 'cp-bridge.escalation';
  readonly code: string;
  readonly partner: string;
  readonly level: string;
  readonly cause: string;
  /** Notifications escalated at this level since the group's last alert. */
  readonly count: number;
  /** The first of them. */
  readonly notificationId: string;
  readonly at: string;
}

// Why the notification is owed after each kind of event; any other level is its own cause.
const CAUSE_OF: Readonly<Record<string, string>> = { 'business-rejection': 'parked', 'held-behind-predecessor': 'held' };

interface Tally {
  lastAlertAt?: number;
  count: number;
  first?: string;
}

/**
 * Groups event escalations per partner and level in this process: the first of a group alerts at
 * once, later ones within `repeatMs` are counted and alerted together when the interval has passed
 * (on the escalator's next pass after it). In memory: a restart starts every group afresh.
 */
export class EventAlertThrottle {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly repeatMs: number) {}

  /** The alert to raise now, or undefined when the group alerted within the interval (then it is counted). */
  offer(e: EventEscalation, now: Date): EventAlert | undefined {
    const key = `${e.partner}|${e.level}`;
    const tally = this.tallies.get(key) ?? { count: 0 };
    this.tallies.set(key, tally);
    tally.count += 1;
    tally.first ??= e.notificationId;
    return this.release(key, tally, now);
  }

  /** Counted groups whose interval has passed. */
  due(now: Date): EventAlert[] {
    return [...this.tallies].flatMap(([key, tally]) => this.release(key, tally, now) ?? []);
  }

  private release(key: string, tally: Tally, now: Date): EventAlert | undefined {
    if (tally.count === 0 || (tally.lastAlertAt !== undefined && now.getTime() - tally.lastAlertAt < this.repeatMs)) return undefined;
    const [partner = '', level = ''] = key.split('|');
    const alert: EventAlert = { type: 'cp-bridge.escalation', code: levelCode(level), partner, level, cause: CAUSE_OF[level] ?? level, count: tally.count, notificationId: tally.first!, at: now.toISOString() };
    tally.lastAlertAt = now.getTime();
    tally.count = 0;
    tally.first = undefined;
    return alert;
  }
}
