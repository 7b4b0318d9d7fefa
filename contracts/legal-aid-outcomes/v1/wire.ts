import type { Hearing } from '../../../libs/domain/src/model/index.js';

/**
 * What the Legal Aid Agency receives: the Common Platform hearing-resulted JSON its court data
 * adaptor takes in (laa-court-data-adaptor, fixtures laa-cda), cut down to one legally aided
 * defendant: the hearing with only that defendant's case, that defendant, and the hearing-level
 * results keyed to them. CP field names and values pass through unchanged.
 */
export interface LaaHearingResulted {
  readonly sharedTime: string;
  readonly hearing: Hearing & Readonly<Record<string, unknown>>;
}
