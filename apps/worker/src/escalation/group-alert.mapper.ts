import type { EscalationGroup } from '../../../../libs/ledger/src/index.js';

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

/** ESCALATION.DEADLINE_BREACH for deadline-breach: the stable code of a level. */
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
