/**
 * The police NewCaseMessage (CPP-StdProsPoliceCase-v1-2.xsd, namespace
 * http://www.dca.gov.uk/xmlschemas/libra, SchemaVersion 0.6g) as a plain object: step one of the
 * two-step parse (XML → wire → command). Values are text exactly as sent (no trimming: BS7666
 * address fields carry significant leading spaces); absent elements are undefined.
 */
export interface SpiAddressWire {
  readonly SAON?: string;
  readonly PAON?: string;
  readonly StreetDescription?: string;
  readonly UniqueStreetReferenceNumber?: string;
  readonly Locality?: string;
  readonly Town?: string;
  readonly AdministrativeArea?: string;
  readonly PostTown?: string;
  readonly PostCode?: string;
}

export interface SpiPersonNameWire {
  readonly PersonTitle?: string;
  readonly PersonGivenName1?: string;
  readonly PersonGivenName2?: string;
  readonly PersonGivenName3?: string;
  readonly PersonFamilyName?: string;
}

export interface SpiBasePersonWire {
  readonly PersonName?: SpiPersonNameWire;
  readonly TelephoneNumberBusiness?: string;
  readonly TelephoneNumberHome?: string;
  readonly TelephoneNumberMobile?: string;
  readonly EmailAddress1?: string;
  readonly EmailAddress2?: string;
  readonly Birthdate?: string;
  readonly Gender?: string;
}

export interface SpiOffenceWire {
  readonly OffenceSequenceNumber?: string;
  readonly OffenceCode?: string;
  readonly OffenceWording?: string;
  readonly OffenceDateCode?: string;
  readonly OffenceDateStartDate?: string;
  readonly OffenceStartTime?: string;
  readonly OffenceEndDate?: string;
  readonly OffenceEndTime?: string;
  readonly ChargeDate?: string;
  readonly ArrestDate?: string;
  readonly LocationOfOffence?: string;
  readonly ProsecutionFacts?: string;
  /** Victims are carried through as a count only in v1 (see README, known gaps). */
  readonly OtherPartyVictimCount: number;
}

export interface SpiIndividualWire {
  readonly BasePersonDetails?: SpiBasePersonWire;
  readonly PNCidentifier?: string;
  readonly BailConditions?: string;
  readonly PerceivedBirthYear?: string;
  readonly Address?: SpiAddressWire;
  readonly ObservedEthnicity?: string;
  readonly SelfDefinedEthnicity?: string;
  readonly OccupationCode?: string;
  readonly Occupation?: string;
  readonly CROnumber?: string;
  readonly CustodyStatus?: string;
  readonly DocumentationLanguage?: string;
  readonly HearingLanguage?: string;
  readonly DriverNumber?: string;
  readonly DriverLicenceCode?: string;
  readonly DriverLicenceIssue?: string;
  readonly Alias: readonly SpiPersonNameWire[];
}

export interface SpiCorporateWire {
  readonly OrganisationName?: string;
  readonly Address?: SpiAddressWire;
}

export interface SpiDefendantWire {
  readonly ProsecutorReference?: string;
  readonly PoliceIndividualDefendant?: SpiIndividualWire;
  readonly PoliceCorporateDefendant?: SpiCorporateWire;
  readonly Offence: readonly SpiOffenceWire[];
}

export interface SpiOfficerWire {
  readonly OfficerName?: SpiPersonNameWire;
  readonly PoliceOfficerRank?: string;
  readonly PoliceWorkerReferenceNumber?: string;
  readonly PoliceWorkerLocationCode?: string;
  readonly StructuredAddress?: SpiAddressWire;
  readonly TelephoneNumberBusiness?: string;
  readonly TelephoneNumberMobile?: string;
  readonly FAXnumber?: string;
  readonly EmailAddress1?: string;
  readonly EmailAddress2?: string;
}

export interface NewCaseMessageWire {
  readonly SchemaVersion?: string;
  readonly PTIURN?: string;
  readonly OriginatingOrganisation?: string;
  readonly CaseInitiation?: string;
  readonly CPSorganisation?: string;
  readonly CourtHearingLocation?: string;
  readonly DateOfHearing?: string;
  readonly TimeOfHearing?: string;
  readonly VehicleOperatorLicenceNumber?: string;
  readonly OtherPartyOfficerInCase?: SpiOfficerWire;
  readonly Defendant: readonly SpiDefendantWire[];
}

/** What the RouteData layer knew about the message; the mapper stamps some of it on the command. */
export interface SpiRouting {
  /** RouteData/RequestFromSystem/CorrelationID. */
  readonly correlationId: string;
  /** RouteData/DataStream/System: the police case system that sent it. */
  readonly sourceSystem: string;
  /** SubmitRequestMes/RequestID. */
  readonly requestId: string;
}
