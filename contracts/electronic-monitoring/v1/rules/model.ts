import type { Defendant, Hearing, JudicialResult } from '../../../../libs/domain/src/model/index.js';
import type { ZoneKind } from '../../../../libs/domain/src/routing/electronic-monitoring.vocabulary.js';

/** The slice of a hearing one order is built from: a defendant and the results of their monitored offences. */
export interface EmSource {
  readonly hearing: Hearing;
  readonly defendant: Defendant;
  /** Results of the offences that carry monitoring, in payload order. */
  readonly results: readonly JudicialResult[];
}

export type OrderKind = 'bail' | 'community';

export interface OrderClass {
  readonly kind: OrderKind;
  readonly variation: boolean;
}

/** Date-times are the contractor's local "yyyy-MM-dd HH:mm:ss"; '' when the court gave none. */
export interface Period {
  readonly start: string;
  readonly end: string;
}

export interface Curfew extends Period {
  readonly description: string;
}

export interface Zone extends Period {
  readonly kind: ZoneKind;
  readonly description: string;
  readonly duration: string | null;
}

/** What the court imposed, before it is laid out in the contractor's fields. */
export interface EmConditions {
  readonly curfew?: Curfew;
  readonly zones: readonly Zone[];
  readonly trail?: Period;
  readonly alcohol?: Period;
}
