/**
 * Common Platform value shapes, derived from the CP JSON schemas (cp-schemas/global/api*.json).
 * Field names are the platform's own, so a payload can be read without renaming; only what the
 * bridge uses is typed. Extra fields are tolerated and kept in the raw body.
 */
export type Uuid = string;
/** yyyy-mm-dd (CP `datePattern`). */
export type IsoDate = string;

export interface Address {
  readonly address1: string;
  readonly address2?: string;
  readonly address3?: string;
  readonly address4?: string;
  readonly address5?: string;
  readonly postcode?: string;
}

export interface ContactNumber {
  readonly home?: string;
  readonly work?: string;
  readonly mobile?: string;
  readonly primaryEmail?: string;
  readonly secondaryEmail?: string;
  readonly fax?: string;
}

export interface LjaDetails {
  readonly ljaCode?: string;
  readonly ljaName?: string;
  readonly welshLjaName?: string;
}

export interface CourtCentre {
  readonly id: Uuid;
  /** OU code of the court centre, e.g. B01LY00. */
  readonly code?: string;
  readonly name?: string;
  readonly welshName?: string;
  readonly roomId?: Uuid;
  readonly roomName?: string;
  readonly address?: Address;
  readonly psaCode?: number;
  readonly lja?: LjaDetails;
  /** Present in some payloads instead of `code` (results context). */
  readonly courtHearingLocation?: string;
}

export interface HearingType {
  readonly id?: Uuid;
  readonly description?: string;
}

export interface HearingDay {
  readonly sittingDay: string;
  readonly listedDurationMinutes?: number;
  readonly listingSequence?: number;
  readonly isCancelled?: boolean;
  readonly courtCentreId?: Uuid;
  readonly courtRoomId?: Uuid;
}
