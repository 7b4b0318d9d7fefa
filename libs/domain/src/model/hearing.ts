import type { Address, ContactNumber, CourtCentre, HearingDay, HearingType, Uuid } from './common.js';
import type { Defendant } from './defendant.js';
import type { JudicialResult } from './judicial-result.js';

/** apiProsecutionCaseIdentifier: who prosecutes, and the case reference (URN). */
export interface ProsecutionCaseIdentifier {
  readonly prosecutionAuthorityId: Uuid;
  readonly prosecutionAuthorityCode: string;
  readonly prosecutionAuthorityName?: string;
  readonly prosecutionAuthorityOUCode?: string;
  readonly prosecutorCategory?: string;
  readonly majorCreditorCode?: string;
  readonly caseURN?: string;
  readonly prosecutionAuthorityReference?: string;
  readonly address?: Address;
  readonly contact?: ContactNumber;
}

export interface ProsecutionCase {
  readonly id: Uuid;
  readonly prosecutionCaseIdentifier: ProsecutionCaseIdentifier;
  readonly initiationCode: string;
  readonly originatingOrganisation?: string;
  readonly caseStatus?: string;
  readonly defendants: readonly Defendant[];
}

export interface DefendantJudicialResult {
  readonly masterDefendantId: Uuid;
  readonly judicialResult: JudicialResult;
}

/** apiHearing: a resulted hearing, the root of what the platform publishes. */
export interface Hearing {
  readonly id: Uuid;
  readonly jurisdictionType: string;
  readonly courtCentre: CourtCentre;
  readonly type: HearingType;
  readonly hearingLanguage?: string;
  readonly hearingDays?: readonly HearingDay[];
  readonly prosecutionCases?: readonly ProsecutionCase[];
  readonly defendantJudicialResults?: readonly DefendantJudicialResult[];
  readonly courtApplications?: readonly unknown[];
  readonly isSJPHearing?: boolean;
  /** apiDefendantAttendance: who attended on which day, and how. */
  readonly defendantAttendance?: readonly DefendantAttendance[];
}

export interface AttendanceDay {
  readonly day: string;
  /** IN_PERSON, BY_VIDEO, NOT_PRESENT */
  readonly attendanceType?: string;
}

export interface DefendantAttendance {
  readonly defendantId: Uuid;
  readonly attendanceDays: readonly AttendanceDay[];
}

/** The `public.hearing.resulted` / `hearing-resulted` envelope (api/hearing-resulted.json). */
export interface HearingResulted {
  readonly hearing: Hearing;
  readonly sharedTime?: string;
  readonly hearingDay?: string;
}
