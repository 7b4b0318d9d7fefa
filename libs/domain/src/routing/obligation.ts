/** Partners the bridge notifies. Each maps to a contract name through configuration (pins). */
export type Partner = 'police' | 'electronic-monitoring' | 'prison' | 'probation' | 'legal-aid';

export type Criticality = 'critical' | 'high' | 'normal';

/** Per-partner urgency, from configuration (deadlines are configuration, not constants). */
export interface UrgencyPolicy {
  readonly criticality: Criticality;
  /** Minutes from the hearing's results being shared to the partner's acknowledgement. */
  readonly deadlineMinutes: number;
}

export type UrgencyTable = Readonly<Record<Partner, UrgencyPolicy>>;

export const DEFAULT_URGENCY: UrgencyTable = {
  'electronic-monitoring': { criticality: 'critical', deadlineMinutes: 4 * 60 },
  prison: { criticality: 'critical', deadlineMinutes: 2 * 60 },
  police: { criticality: 'high', deadlineMinutes: 24 * 60 },
  probation: { criticality: 'normal', deadlineMinutes: 24 * 60 },
  'legal-aid': { criticality: 'normal', deadlineMinutes: 24 * 60 },
};

/** Why a rule decided what it did: kept with the obligation so an operator can see it. */
export interface Evidence {
  readonly code: string;
  readonly path: string;
  readonly detail: string;
}

/**
 * Something a court outcome obliges the bridge to tell a partner. `needsReview` obligations are
 * recorded like any other, but wait for a person instead of being dispatched: never dropped.
 */
export interface Obligation {
  readonly partner: Partner;
  readonly caseId: string;
  readonly caseUrn?: string;
  readonly defendantId: string;
  /** Routing key within a partner (e.g. police force code), used by contract pins. */
  readonly routingKey?: string;
  readonly needsReview: boolean;
  readonly reviewReason?: string;
  readonly criticality: Criticality;
  readonly deadlineAt: Date;
  /** partner|case|defendant: later notifications with the same key wait for earlier ones. */
  readonly orderKey: string;
  readonly evidence: readonly Evidence[];
}

/** A payload or part of one that is deliberately not notified, with the reason recorded. */
export interface Exclusion {
  readonly partner: Partner;
  readonly caseId: string;
  readonly defendantId: string;
  readonly reason: string;
}
