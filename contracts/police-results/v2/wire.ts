/**
 * The SPI ResultedCaseMessage (Libra namespace, SchemaVersion 0.6g, CPP-StdProsPoliceResult-v1-2.xsd)
 * as plain data, fields in schema order. Values are the text that goes on the wire (dates
 * yyyy-MM-dd, times HH:mm:ss, codes as strings) so the serializer does no conversion.
 */
export const LIBRA_NS = 'http://www.dca.gov.uk/xmlschemas/libra';
export const BS7666_NS = 'http://www.govtalk.gov.uk/people/bs7666';
export const SCHEMA_VERSION = '0.6g';

export interface ResultedCaseMessage {
  readonly session: CourtSession;
}

export interface CourtSession {
  readonly courtHearing: { readonly hearing: BaseHearing; readonly psaCode: string };
  readonly cases: readonly CourtCase[];
}

export interface BaseHearing {
  readonly courtHearingLocation: string;
  readonly dateOfHearing: string;
  readonly timeOfHearing: string;
}

export interface CourtCase {
  readonly ptiUrn: string;
  readonly defendant: CourtDefendant;
}

export interface CourtDefendant {
  readonly prosecutorReference: string;
  readonly individual?: CourtIndividualDefendant;
  readonly corporate?: CourtCorporateDefendant;
  readonly offences: readonly CourtOffence[];
}

export interface PersonName {
  readonly title?: string;
  readonly givenName1?: string;
  readonly givenName2?: string;
  readonly givenName3?: string;
  readonly familyName: string;
}

export interface Telephone {
  readonly business?: string;
  readonly home?: string;
  readonly mobile?: string;
}

export interface Email {
  readonly address1: string;
  readonly address2?: string;
}

export interface BasePersonDetails {
  readonly name: PersonName;
  readonly telephone?: Telephone;
  readonly email?: Email;
  readonly birthdate?: string;
  /** pds:GenderCurrentType: 0 not known, 1 male, 2 female, 9 not specified. */
  readonly gender: string;
}

export interface SimpleAddress {
  readonly line1: string;
  readonly line2?: string;
  readonly line3?: string;
  readonly line4?: string;
  readonly line5?: string;
}

export interface CourtIndividualDefendant {
  readonly personDefendant: {
    readonly basePersonDetails: BasePersonDetails;
    readonly pncIdentifier?: string;
    /** v2: ISO 3166 alpha-3 nationality (XSD PersonStatedNationality, max 3); v1 never sent it. */
    readonly personStatedNationality?: string;
    readonly bailConditions?: string;
  };
  readonly bailStatus: string;
  readonly address: SimpleAddress;
  readonly presentAtHearing: string;
  readonly reasonForBailConditionsOrCustody?: string;
  readonly parentGuardian?: { readonly basePersonDetails: BasePersonDetails; readonly address?: SimpleAddress };
}

export interface CourtCorporateDefendant {
  readonly organisationName: string;
  readonly telephoneBusiness?: string;
  readonly email?: Email;
  readonly pncIdentifier?: string;
  readonly address: SimpleAddress;
  readonly presentAtHearing: string;
  readonly bailStatus: string;
}

export interface BaseOffenceDetails {
  /** Three digits, zero-padded, as the partner's own messages carry it. */
  readonly sequenceNumber: string;
  readonly offenceCode: string;
  readonly wording: string;
  readonly dateCode: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly chargeDate?: string;
  readonly arrestDate?: string;
  readonly locationOfOffence?: string;
  readonly alcohol?: { readonly amount: string; readonly method: string };
  readonly vehicle?: { readonly code?: string; readonly registrationMark?: string };
}

export interface CourtOffence {
  readonly base: BaseOffenceDetails;
  readonly initiatedDate: string;
  readonly plea?: string;
  readonly modeOfTrial?: string;
  readonly finalDisposalIndicator: string;
  readonly convictionDate?: string;
  readonly convictingCourt?: string;
  readonly finding?: string;
  readonly results: readonly CourtResult[];
}

export interface NextHearing {
  readonly details: BaseHearing;
  readonly reason?: string;
  readonly bailStatusOffence?: string;
}

export interface Duration {
  readonly value?: string;
  readonly unit?: string;
  readonly secondaryValue?: string;
  readonly secondaryUnit?: string;
  readonly startDate?: string;
  readonly endDate?: string;
}

export interface Outcome {
  readonly penaltyPoints?: string;
  readonly amountSterling?: string;
  readonly duration?: Duration;
}

export interface CourtResult {
  readonly resultCode?: string;
  readonly resultText: string;
  readonly qualifiers: readonly string[];
  readonly nextHearing?: NextHearing;
  readonly outcome?: Outcome;
}
