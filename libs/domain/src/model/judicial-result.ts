import type { CourtCentre, HearingType, IsoDate, Uuid } from './common.js';

/** apiJudicialResultPrompt: a labelled value attached to a result (e.g. "Curfew ... electronically monitored"). */
export interface JudicialResultPrompt {
  readonly label: string;
  readonly value?: string;
  readonly welshLabel?: string;
  readonly qualifier?: string;
  readonly promptReference?: string;
  readonly promptSequence?: number;
  readonly durationSequence?: number;
  readonly judicialResultPromptTypeId?: Uuid;
  readonly isAvailableForCourtExtract?: boolean;
  readonly isFinancialImposition?: boolean;
  readonly type?: string;
  readonly isDurationStartDate?: boolean;
  readonly isDurationEndDate?: boolean;
  readonly totalPenaltyPoints?: number;
}

export interface DurationElement {
  readonly primaryDurationUnit?: string;
  readonly primaryDurationValue?: number;
  readonly secondaryDurationUnit?: string;
  readonly secondaryDurationValue?: number;
  readonly tertiaryDurationUnit?: string;
  readonly tertiaryDurationValue?: number;
  readonly durationStartDate?: string;
  readonly durationEndDate?: string;
}

/** apiNextHearing */
export interface NextHearing {
  readonly type?: HearingType;
  readonly jurisdictionType?: string;
  readonly adjournmentReason?: string;
  readonly listedStartDateTime?: string;
  readonly estimatedMinutes?: number;
  readonly courtCentre?: CourtCentre;
  readonly weekCommencingDate?: IsoDate;
  readonly dateToBeFixed?: boolean;
}

/** apiJudicialResult: one result a court imposed (CJS code, label, text, prompts, qualifier). */
export interface JudicialResult {
  readonly judicialResultId?: Uuid;
  readonly judicialResultTypeId?: Uuid;
  readonly orderedHearingId: Uuid;
  readonly label: string;
  readonly welshLabel?: string;
  readonly isAdjournmentResult: boolean;
  readonly isFinancialResult: boolean;
  readonly isConvictedResult: boolean;
  readonly isAvailableForCourtExtract: boolean;
  readonly orderedDate: IsoDate;
  readonly category: string;
  readonly cjsCode?: string;
  readonly qualifier?: string;
  readonly resultText?: string;
  readonly resultWording?: string;
  readonly rank?: number;
  readonly lastSharedDateTime?: string;
  readonly nextHearing?: NextHearing;
  readonly durationElement?: DurationElement;
  readonly judicialResultPrompts?: readonly JudicialResultPrompt[];
  readonly terminatesOffenceProceedings?: boolean;
  readonly postHearingCustodyStatus?: string;
  readonly isDeleted?: boolean;
  readonly level?: string;
  readonly resultDefinitionGroup?: string;
  readonly lifeDuration?: boolean;
  /** Results published only for notices/orders (NOWs) are not court results for partners. */
  readonly publishedForNows?: boolean;
  /** Extra CJS codes a result carries (results context), each becoming its own partner result. */
  readonly secondaryCJSCodes?: readonly { readonly cjsCode: string; readonly text?: string }[];
}
