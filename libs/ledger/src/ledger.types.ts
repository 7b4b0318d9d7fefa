import type { AttemptOutcome, NotificationStatus } from './ledger.tables.js';

export type { AttemptOutcome, NotificationStatus } from './ledger.tables.js';

export interface NewNotification {
  id: string;
  partner: string;
  contract: string;
  contractVersion: string;
  status: 'pending' | 'needs-review';
  reviewReason?: string;
  /** Why the routing rule could not decide: which result, prompt or wording, by JSON path. */
  reviewEvidence?: readonly ReviewEvidence[];
  caseId: string;
  caseUrn?: string;
  defendantId: string;
  /** partner|case|defendant: notifications sharing it are delivered in `sequence` order. */
  orderKey: string;
  criticality: string;
  deadlineAt: Date;
  /** Idempotency key sent to the partner: the notification id (a check constraint holds them equal, which makes it unique). */
  messageId: string;
  /** An amendment's notification to a partner that was told about the superseded share (its contract may vary rather than create). */
  amendsEventId?: string;
}

/** One thing a routing rule found, as it found it (the domain's Evidence, kept with the notification). */
export interface ReviewEvidence {
  readonly code: string;
  readonly path: string;
  readonly detail: string;
}

export interface AcceptEventInput {
  eventId: string;
  hearingId: string;
  bodyHash: string;
  rawBody: string;
  payload: unknown;
  /**
   * `payload` as JSON text, when the caller already has it: the text `payload` was parsed from,
   * unchanged since (the gateway's raw body). Saves writing the payload out again; without it the
   * ledger stores `JSON.stringify(payload)`. Stored as jsonb either way, so whitespace is not kept.
   */
  payloadJson?: string;
  source: string;
  receivedAt: Date;
  notifications: NewNotification[];
  /** The platform's sharedTime: a later share of a stored hearing is an amendment of the one before it. */
  sharedTime?: Date;
  /** Set by the amendment step: the stored share of the same hearing this one supersedes. */
  supersedesEventId?: string;
  /** Set by the amendment step: partners owed nothing because what they would receive did not change. */
  decisions?: AmendmentDecision[];
}

/** "No change for this partner": recorded instead of a notification (migration 0010). */
export interface AmendmentDecision {
  partner: string;
  contract: string;
  contractVersion: string;
  caseId: string;
  defendantId: string;
  decision: 'no-change';
  reason: string;
}

/** The share of a hearing an incoming one would supersede: latest stored with an earlier sharedTime. */
export interface PriorEvent {
  id: string;
  sharedTime: Date;
  payload: unknown;
}

export interface NotificationSummary {
  id: string;
  partner: string;
  /** name@version */
  contract: string;
  status: NotificationStatus;
}

export interface AcceptEventResult {
  created: boolean;
  /** The stored event's id: the existing one's when this was a duplicate. */
  eventId: string;
  notifications: NotificationSummary[];
  /** Set on duplicates: what matched (an id match wins when both would). */
  duplicateBy?: 'event-id' | 'body-hash';
  /** On a created amendment: the event it supersedes, and the partners it owed nothing. */
  supersedesEventId?: string;
  unchanged?: Pick<AmendmentDecision, 'partner' | 'contract' | 'caseId' | 'defendantId' | 'reason'>[];
  /** Set when the event key matched a stored event whose body differs (canonically): nothing was written. */
  conflict?: EventConflict;
}

/** The same event key with a different body: a resend that is not the same event. */
export interface EventConflict {
  storedEventId: string;
  /** `sha256:` of the canonical JSON (keys sorted, no layout) of the stored and of the refused body. */
  storedBodyHash: string;
  receivedBodyHash: string;
}

export interface AttemptView {
  attemptNo: number;
  startedAt: Date;
  finishedAt: Date;
  outcome: AttemptOutcome;
  errorCode: string | null;
  errorMessage: string | null;
  ackRef: string | null;
  durationMs: number;
}

export interface NotificationRecord {
  id: string;
  eventId: string;
  partner: string;
  contract: string;
  contractVersion: string;
  status: NotificationStatus;
  needsReview: boolean;
  reviewReason: string | null;
  caseId: string;
  caseUrn: string | null;
  defendantId: string;
  orderKey: string;
  sequence: number;
  criticality: string;
  deadlineAt: Date;
  attempts: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  ackRef: string | null;
  messageId: string;
  createdAt: Date;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  parkedAt: Date | null;
  /** The superseded share this notification amends for its partner (ADR 0012), or null. */
  amendsEventId: string | null;
}

/** A person's decision on a notification that awaited review (ADR 0011). */
export interface ReviewDecisionView {
  decision: 'send' | 'dismiss';
  reason: string | null;
  /** The authenticated identity: `api:<client>` or `console:<user>`. */
  decidedBy: string;
  decidedAt: Date;
}

/** Why a notification awaited (or awaits) a person, and what they decided. */
export interface ReviewView {
  reason: string | null;
  evidence: ReviewEvidence[];
  decision: ReviewDecisionView | null;
}

export interface NotificationView extends Omit<NotificationRecord, 'attempts' | 'contract' | 'contractVersion'> {
  /** name@version */
  contract: string;
  /** Set for notifications the routing rules could not decide (needs review, or decided since). */
  review: ReviewView | null;
  /** While held: which predecessor it waits behind, e.g. `held behind <id> (needs-review)`. */
  holdReason: string | null;
  attemptCount: number;
  attempts: AttemptView[];
  lastError: { code: string | null; message: string | null } | null;
  document: string | null;
}

/** What a delivery reads of its notification when it claims it; the other columns are for operators. */
export type DispatchNotification = Pick<NotificationRecord, 'id' | 'eventId' | 'partner' | 'contract' | 'contractVersion' | 'status' | 'caseId' | 'defendantId' | 'messageId' | 'createdAt' | 'amendsEventId'>;

export interface DispatchItem<N extends DispatchNotification = NotificationRecord> {
  notification: N;
  payload: unknown;
}

export interface OutboxClaim {
  outboxId: number;
  notificationId: string;
  partner: string;
  /** critical | high | normal: becomes the job's priority when a backlog forms. */
  criticality: string;
}

export interface AttemptInput {
  attemptNo: number;
  startedAt: Date;
  finishedAt: Date;
  outcome: AttemptOutcome;
  errorCode?: string;
  errorMessage?: string;
  ackRef?: string;
  /** The message produced for this attempt, kept (last one only) for operators. */
  document?: string;
}

export type AttemptNextStatus = 'acknowledged' | 'retrying' | 'parked';

export interface RecordAttemptResult {
  /** false when the notification was already acknowledged: nothing about its status changed. */
  applied: boolean;
  status: NotificationStatus;
}

export interface OwedNotification {
  id: string;
  partner: string;
  status: NotificationStatus;
  orderKey: string;
  sequence: number;
  updatedAt: Date;
}

export interface PartnerDayCounts {
  partner: string;
  /** UTC day, YYYY-MM-DD, of the notification's creation. */
  day: string;
  obligated: number;
  acknowledged: number;
  /** pending + in-flight + retrying + held: owed and still moving. */
  inFlight: number;
  parked: number;
  /** Awaiting a person's decision (needs-review). */
  needsReview: number;
  /** Decided by a person not to be sent (final). */
  dismissed: number;
  /** Not acknowledged, not dismissed, and past its deadline; overlaps the buckets above. */
  overdue: number;
}

export interface NotificationFilter {
  /** Plain strings are accepted (query parameters); an unknown status simply matches nothing. */
  status?: NotificationStatus | (string & {});
  partner?: string;
  caseUrn?: string;
  /** default 100, at most 1000 */
  limit?: number;
}
