/**
 * What the prison (custody) system receives: one custody event per defendant of a resulted hearing.
 * Modelled (no public partner schema exists) on the NOMIS court-event fields a prison needs at
 * reception: who (PNC/CRO ids, name, date of birth), from which court and case, why held (remand,
 * committal, sentence per offence) and until when (sentence length, next hearing).
 */
export type CustodyEventType = 'REMAND_IN_CUSTODY' | 'COMMITTAL_IN_CUSTODY' | 'CUSTODIAL_SENTENCE';

export interface WireCourt {
  readonly code: string | null;
  readonly name: string | null;
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
}

export interface CustodyOutcome {
  readonly kind: 'remand' | 'committal' | 'sentence';
  readonly offenceCode: string | null;
  readonly offenceTitle: string | null;
  readonly resultTypeId: string | null;
  readonly resultCode: string | null;
  readonly resultLabel: string;
  /** C or P (held until pre-release conditions are met); null when the court did not say. */
  readonly custodyStatus: string | null;
  readonly orderedDate: string;
  readonly sentenceLength: { readonly value: number; readonly unit: string } | null;
  readonly nextHearing: { readonly date: string | null; readonly courtCode: string | null } | null;
}

export interface PrisonCustodyNotification {
  readonly messageId: string;
  readonly eventType: CustodyEventType;
  readonly court: WireCourt;
  readonly hearing: { readonly id: string; readonly date: string | null; readonly sharedTime: string };
  readonly case: { readonly id: string; readonly urn: string | null };
  readonly prisoner: WirePerson;
  readonly custody: readonly CustodyOutcome[];
}
