import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { NotificationsTable } from './ledger.tables.js';
import type { DispatchNotification, NotificationRecord } from './ledger.types.js';

/**
 * JSON goes to the server as text and is cast there. Handing objects to the drivers is not
 * portable: pg turns JS arrays into PostgreSQL arrays, PGlite stringifies by the parameter's type.
 */
export function jsonb(value: unknown): RawBuilder<unknown> {
  return sql`cast(${JSON.stringify(value ?? null)}::text as jsonb)`;
}

export const contractRef = (contract: string, version: string): string => `${contract}@${version}`;

/** Every notification column except `document`, which can be large and only operators read. */
export const RECORD_COLUMNS = [
  'id',
  'event_id',
  'partner',
  'contract',
  'contract_version',
  'status',
  'needs_review',
  'review_reason',
  'case_id',
  'case_urn',
  'defendant_id',
  'order_key',
  'sequence',
  'criticality',
  'deadline_at',
  'attempts',
  'last_error_code',
  'last_error_message',
  'ack_ref',
  'message_id',
  'created_at',
  'updated_at',
  'acknowledged_at',
  'parked_at',
  'amends_event_id',
] as const;

export type RecordRow = Pick<Selectable<NotificationsTable>, (typeof RECORD_COLUMNS)[number]>;

/**
 * The columns a worker's claim reads (`DispatchNotification`). Eleven rather than twenty-five: pg
 * parses every column of every row, dates included, for each delivery (BENCHMARKS.md, 26 November).
 */
export const DISPATCH_COLUMNS = ['id', 'event_id', 'partner', 'contract', 'contract_version', 'status', 'case_id', 'defendant_id', 'message_id', 'created_at', 'amends_event_id'] as const;

export type DispatchRow = Pick<Selectable<NotificationsTable>, (typeof DISPATCH_COLUMNS)[number]>;

export function toDispatchNotification(row: DispatchRow): DispatchNotification {
  return {
    id: row.id,
    eventId: row.event_id,
    partner: row.partner,
    contract: row.contract,
    contractVersion: row.contract_version,
    status: row.status,
    caseId: row.case_id,
    defendantId: row.defendant_id,
    messageId: row.message_id,
    createdAt: row.created_at,
    amendsEventId: row.amends_event_id,
  };
}

/** The whole record: what a delivery reads (`toDispatchNotification`) and the operators' columns. */
export function toRecord(row: RecordRow): NotificationRecord {
  return Object.assign(toDispatchNotification(row), {
    needsReview: row.needs_review,
    reviewReason: row.review_reason,
    caseUrn: row.case_urn,
    orderKey: row.order_key,
    sequence: Number(row.sequence),
    criticality: row.criticality,
    deadlineAt: row.deadline_at,
    attempts: row.attempts,
    lastErrorCode: row.last_error_code,
    lastErrorMessage: row.last_error_message,
    ackRef: row.ack_ref,
    updatedAt: row.updated_at,
    acknowledgedAt: row.acknowledged_at,
    parkedAt: row.parked_at,
  });
}
