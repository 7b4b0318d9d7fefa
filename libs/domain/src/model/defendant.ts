import type { Address, ContactNumber, IsoDate, Uuid } from './common.js';
import type { JudicialResult } from './judicial-result.js';

export interface BailStatus {
  readonly id?: Uuid;
  /** One character, e.g. C (custody), U (unconditional bail), B (conditional bail), A (not applicable). */
  readonly code: string;
  readonly description?: string;
}

export interface Person {
  readonly title?: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName: string;
  readonly dateOfBirth?: IsoDate;
  readonly gender: string;
  readonly nationalityCode?: string;
  readonly nationalInsuranceNumber?: string;
  readonly interpreterLanguageNeeds?: string;
  readonly specificRequirements?: string;
  readonly address?: Address;
  readonly contact?: ContactNumber;
  readonly ethnicity?: { readonly observedEthnicityCode?: string; readonly selfDefinedEthnicityCode?: string; readonly observedEthnicityDescription?: string; readonly selfDefinedEthnicityDescription?: string };
}

/** apiPersonDefendant */
export interface PersonDefendant {
  readonly personDetails: Person;
  readonly bailStatus?: BailStatus;
  readonly bailConditions?: string;
  readonly bailReasons?: string;
  readonly custodyTimeLimit?: IsoDate;
  /** ASN: the police arrest/summons number (keys the police record). */
  readonly arrestSummonsNumber?: string;
  readonly driverNumber?: string;
  /** SPI results view (police-result-generated individualDefendant.presentAtHearing), e.g. Y/N. */
  readonly presentAtHearing?: string;
}

export interface Organisation {
  readonly name: string;
  readonly address?: Address;
  readonly contact?: ContactNumber;
}

export interface Plea {
  readonly pleaDate?: IsoDate;
  readonly pleaValue?: string;
}

export interface IndicatedPlea {
  readonly indicatedPleaDate?: IsoDate;
  readonly indicatedPleaValue?: string;
  readonly source?: string;
}

export interface Verdict {
  readonly verdictDate?: IsoDate;
  readonly verdictType?: { readonly category?: string; readonly categoryType?: string; readonly cjsVerdictCode?: string; readonly description?: string };
}

export interface LaaReference {
  readonly applicationReference: string;
  readonly statusId?: Uuid;
  readonly statusCode: string;
  readonly statusDescription?: string;
  readonly statusDate?: IsoDate;
  readonly effectiveStartDate?: IsoDate;
  readonly effectiveEndDate?: IsoDate;
  readonly laaContractNumber?: string;
}

/** apiOffence */
export interface Offence {
  readonly id: Uuid;
  readonly offenceDefinitionId?: Uuid;
  readonly offenceCode: string;
  readonly offenceTitle?: string;
  readonly offenceTitleWelsh?: string;
  readonly offenceLegislation?: string;
  readonly modeOfTrial?: string;
  readonly wording?: string;
  readonly wordingWelsh?: string;
  readonly startDate: IsoDate;
  readonly endDate?: IsoDate;
  readonly arrestDate?: IsoDate;
  readonly chargeDate?: IsoDate;
  readonly laidDate?: IsoDate;
  readonly dateOfInformation?: IsoDate;
  readonly convictionDate?: IsoDate;
  readonly orderIndex?: number;
  readonly count?: number;
  readonly offenceDateCode?: number;
  readonly offenceSequenceNumber?: number;
  readonly finalDisposal?: string;
  readonly plea?: Plea;
  readonly indicatedPlea?: IndicatedPlea;
  readonly verdict?: Verdict;
  readonly laaApplnReference?: LaaReference;
  readonly judicialResults?: readonly JudicialResult[];
  readonly proceedingsConcluded?: boolean;
  readonly dvlaOffenceCode?: string;
  /** apiOffenceFacts (vehicle / alcohol facts the police record). */
  readonly offenceFacts?: OffenceFacts;
  /** apiAllocationDecision: only the mode-of-trial reason code is used downstream. */
  readonly allocationDecision?: { readonly motReasonCode?: string; readonly motReasonDescription?: string };
  /** One-character finding (results context). */
  readonly finding?: string;
}

export interface OffenceFacts {
  readonly vehicleCode?: string;
  readonly vehicleRegistration?: string;
  readonly alcoholReadingAmount?: number;
  readonly alcoholReadingMethodCode?: string;
}

/** apiAssociatedPerson: e.g. a parent or guardian of a youth defendant. */
export interface AssociatedPerson {
  readonly person: Person;
  readonly role: string;
}

/** apiDefendant */
export interface Defendant {
  readonly id: Uuid;
  readonly masterDefendantId?: Uuid;
  readonly prosecutionCaseId: Uuid;
  readonly prosecutionAuthorityReference?: string;
  readonly offences: readonly Offence[];
  readonly personDefendant?: PersonDefendant;
  readonly legalEntityDefendant?: { readonly organisation: Organisation };
  readonly judicialResults?: readonly JudicialResult[];
  readonly pncId?: string;
  readonly croNumber?: string;
  readonly legalAidStatus?: string;
  readonly proceedingsConcluded?: boolean;
  readonly isYouth?: boolean;
  readonly defenceOrganisation?: Organisation;
  readonly associatedPersons?: readonly AssociatedPerson[];
}
