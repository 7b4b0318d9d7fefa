/**
 * What probation receives: one message per defendant when a court makes (or varies) an order
 * probation supervises, or asks probation for a pre-sentence report. Modelled (no public partner
 * schema exists) on the nDelius court-order fields and on the Common Platform hearing events the
 * probation receiver (court-hearing-event-receiver) takes in: order type, requirements, end date,
 * supervising court and the probation team the court named.
 */
export type ProbationEventType = 'ORDER_MADE' | 'ORDER_VARIED' | 'PRE_SENTENCE_REPORT_REQUESTED';

export interface WireCourt {
  readonly code: string | null;
  readonly name: string | null;
}

export interface WireAddress {
  readonly lines: readonly string[];
  readonly postcode: string | null;
}

export interface WirePerson {
  readonly defendantId: string;
  readonly pncId: string | null;
  readonly croNumber: string | null;
  readonly firstName: string | null;
  readonly middleNames: string | null;
  readonly lastName: string;
  readonly dateOfBirth: string | null;
  readonly gender: string | null;
  readonly address: WireAddress | null;
}

export interface WireRequirement {
  readonly type: string;
  readonly resultTypeId: string | null;
  readonly resultCode: string | null;
  readonly label: string;
  readonly detail: string | null;
}

export interface WireOrder {
  readonly kind: 'community-order' | 'youth-rehabilitation-order' | 'suspended-sentence-order' | 'supervision-default-order';
  readonly variation: boolean;
  readonly resultTypeId: string | null;
  readonly resultCode: string | null;
  readonly label: string;
  readonly offenceCode: string | null;
  readonly orderedDate: string;
  readonly endDate: string | null;
  readonly supervisingCourt: string | null;
  readonly probationTeam: string | null;
  readonly requirements: readonly WireRequirement[];
}

export interface WireReportRequest {
  readonly type: 'PRE_SENTENCE_REPORT';
  readonly evidence: string;
  readonly nextHearingDate: string | null;
  readonly nextHearingCourtCode: string | null;
}

export interface ProbationOrderNotification {
  readonly messageId: string;
  readonly eventType: ProbationEventType;
  readonly court: WireCourt;
  readonly hearing: { readonly id: string; readonly date: string | null; readonly sharedTime: string };
  readonly case: { readonly id: string; readonly urn: string | null };
  readonly offender: WirePerson;
  readonly orders: readonly WireOrder[];
  readonly reportRequest: WireReportRequest | null;
}
