import type { ColumnType, Generated } from 'kysely';

/** Lifecycle of one obligation to notify a partner. Kept in step with the CHECK (0001-initial, 0009-review-decisions). */
export const NOTIFICATION_STATUSES = [
  'pending',
  'in-flight',
  'acknowledged',
  'retrying',
  'parked',
  'needs-review',
  'held',
  /** Final: a person decided the partner is not to be told (review_decisions says who, when, why). */
  'dismissed',
] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export type AttemptOutcome = 'success' | 'transport' | 'contract' | 'business';

/** Timestamps are always written by the database clock (now()) or as JS Dates; read back as Dates. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DbNow = ColumnType<Date, Date | string | undefined, Date | string>;
/** JSONB goes in as text cast in SQL (see ledger.repository.ts `jsonb()`), never as a driver-serialized object. */
type Jsonb = ColumnType<unknown, unknown, unknown>;
/** int8 is parsed to number by both drivers (see database.ts); sequences and ids stay far below 2^53. */
type BigSerial = ColumnType<number, never, never>;

export interface EventsTable {
  id: string;
  hearing_id: string;
  body_hash: string;
  raw_body: string;
  payload: Jsonb;
  source: string;
  received_at: Timestamp;
  /** The platform's sharedTime (0010); null for events recorded before it or shared without one. */
  shared_time: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The earlier share of the same hearing this one amends (0010). */
  supersedes_event_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A partner the amendment owes nothing, because what it would receive did not change (0010). */
export interface AmendmentDecisionsTable {
  id: BigSerial;
  event_id: string;
  supersedes_event_id: string;
  partner: string;
  contract: string;
  contract_version: string;
  case_id: string;
  defendant_id: string;
  decision: 'no-change';
  reason: string;
  decided_at: DbNow;
}

export interface NotificationsTable {
  id: string;
  event_id: string;
  partner: string;
  contract: string;
  contract_version: string;
  status: NotificationStatus;
  needs_review: boolean;
  review_reason: string | null;
  /** What the routing rule found (code, JSON path, detail) when it could not decide; null otherwise. */
  review_evidence: Jsonb | null;
  case_id: string;
  case_urn: string | null;
  defendant_id: string;
  order_key: string;
  sequence: BigSerial;
  criticality: string;
  deadline_at: Timestamp;
  attempts: Generated<number>;
  last_error_code: string | null;
  last_error_message: string | null;
  ack_ref: string | null;
  created_at: DbNow;
  updated_at: DbNow;
  acknowledged_at: Date | null;
  parked_at: Date | null;
  /** Why it is held (`held behind <id> (<status>)`), while held; cleared on release (0003-delivery-control). */
  hold_reason: string | null;
  message_id: string;
  document: string | null;
  /** Set on an amendment's notification when the partner was told about the share it supersedes (0010). */
  amends_event_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AttemptsTable {
  id: BigSerial;
  notification_id: string;
  attempt_no: number;
  started_at: Timestamp;
  finished_at: Timestamp;
  outcome: AttemptOutcome;
  error_code: string | null;
  error_message: string | null;
  ack_ref: string | null;
  duration_ms: number;
}

export interface OutboxTable {
  id: BigSerial;
  notification_id: string;
  partner: string;
  created_at: DbNow;
  relayed_at: Date | null;
}

export interface AuditLogTable {
  id: BigSerial;
  at: DbNow;
  actor: string;
  action: string;
  detail: Jsonb;
}

export interface ReviewDecisionsTable {
  notification_id: string;
  decision: 'send' | 'dismiss';
  reason: string | null;
  decided_by: string;
  decided_at: DbNow;
}

export interface LedgerTables {
  events: EventsTable;
  notifications: NotificationsTable;
  attempts: AttemptsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  review_decisions: ReviewDecisionsTable;
  amendment_decisions: AmendmentDecisionsTable;
}
