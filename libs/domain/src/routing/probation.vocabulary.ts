/**
 * Probation vocabulary of the Common Platform: community-type orders (supervised by probation),
 * their requirements, and the wording of adjournments for pre-sentence reports. Data only.
 *
 * Sources (shared fixtures, used in place):
 * - order ids, short codes and CJS codes: em-create-order cp_payload.json (COEW 1116, SUSPS 1115,
 *   SUSPSD 1134, SUSPVD 1508, YROEW 1141, YROFEW 1143, YROV 1030, SDO 1180), where each id sits
 *   next to its label; COEW resultText there names "an officer of a provider of probation services".
 * - requirement CJS codes: bichard7 / cp-spi-staging SPI ResultText (3101 "UPWR - Unpaid work",
 *   3272 "RAR - Rehabilitation activity", 3105 "Curfew Requirement") and em-create-order
 *   (3105 CURE/YRC1/CURFEM, 3106 ERPEM/ERLPEM, 3146 AAR, 3148 YREMW1).
 * - pre-sentence reports: em-create-order CCIB/CCIC/CCSIB/... remand texts say "PSR ordered."; the
 *   statutory name (Sentencing Code s.30) is matched too. Only in an adjournment or a result with a
 *   next hearing is that a request (see probation.rule.ts). "medical and psychiatric reports"
 *   (bichard7) and bail's "report to ... police station" are false friends.
 */

export type OrderKind = 'community-order' | 'youth-rehabilitation-order' | 'suspended-sentence-order' | 'supervision-default-order';

export interface ProbationOrder {
  readonly id?: string;
  readonly shortCode?: string;
  readonly cjsCode?: string;
  readonly label: string;
  readonly kind: OrderKind;
  readonly variation?: true;
}

export const PROBATION_ORDERS: readonly ProbationOrder[] = [
  { id: '418b3aa7-65ab-4a4a-bab9-2f96b698118c', shortCode: 'COEW', cjsCode: '1116', label: 'Community order England / Wales', kind: 'community-order' },
  { id: '73a4f6a2-b768-45de-beb7-3f4d2f933e11', shortCode: 'YROEW', cjsCode: '1141', label: 'Youth Rehabilitation Order England and Wales', kind: 'youth-rehabilitation-order' },
  { id: 'ae8c21a9-cf2a-487b-8fae-58d50c7104f0', shortCode: 'YROFEW', cjsCode: '1143', label: 'Youth rehabilitation order with fostering England / Wales', kind: 'youth-rehabilitation-order' },
  { id: '0b5ce679-b262-436d-8f94-aa78de85022a', shortCode: 'YROISS', label: 'Youth rehabilitation order with intensive supervision and surveillance England / Wales', kind: 'youth-rehabilitation-order' },
  { id: '5cceca91-e6f2-471b-8919-8dfd3ad3c746', shortCode: 'YROV', cjsCode: '1030', label: 'Youth Rehabilitation Order varied', kind: 'youth-rehabilitation-order', variation: true },
  { id: '8b1cff00-a456-40da-9ce4-f11c20959084', shortCode: 'SUSPS', cjsCode: '1115', label: 'Suspended sentence order - imprisonment', kind: 'suspended-sentence-order' },
  { id: '5679e5b7-0ca8-4d2a-ba80-7a50025fb589', shortCode: 'SUSPSD', cjsCode: '1134', label: 'Suspended sentence order - detention in a young offender institution', kind: 'suspended-sentence-order' },
  { id: '280a5606-c70a-432f-bdfe-a9dfd49f18c5', shortCode: 'SUSPV', label: 'Suspended sentence order varied - imprisonment', kind: 'suspended-sentence-order', variation: true },
  { id: '726c4beb-9ead-4b6b-bed9-b761b5b43553', shortCode: 'SUSPVD', cjsCode: '1508', label: 'Suspended sentence order varied - detention', kind: 'suspended-sentence-order', variation: true },
  { id: 'fd391847-f640-402e-a958-f33a014e6684', shortCode: 'SDO', cjsCode: '1180', label: 'Supervision Default Order', kind: 'supervision-default-order' },
];

export type RequirementType = 'UNPAID_WORK' | 'REHABILITATION_ACTIVITY' | 'CURFEW' | 'EXCLUSION' | 'ALCOHOL_ABSTINENCE' | 'ELECTRONIC_WHEREABOUTS';

/** Requirements by CJS code: every type id the payloads carry for one shares its code. */
export const REQUIREMENT_CJS_CODES: Readonly<Record<string, { readonly type: RequirementType; readonly label: string }>> = {
  '3101': { type: 'UNPAID_WORK', label: 'Unpaid work requirement' },
  '3272': { type: 'REHABILITATION_ACTIVITY', label: 'Rehabilitation activity requirement' },
  '3105': { type: 'CURFEW', label: 'Curfew requirement' },
  '3106': { type: 'EXCLUSION', label: 'Exclusion requirement' },
  '3146': { type: 'ALCOHOL_ABSTINENCE', label: 'Alcohol abstinence and monitoring requirement' },
  '3148': { type: 'ELECTRONIC_WHEREABOUTS', label: 'Electronic monitoring whereabouts requirement' },
};

/** Requirement short codes (resultText prefix) seen in the real payloads. */
export const REQUIREMENT_SHORT_CODES: Readonly<Record<string, RequirementType>> = {
  UPWR: 'UNPAID_WORK', RAR: 'REHABILITATION_ACTIVITY', CURE: 'CURFEW', YRC1: 'CURFEW', CURFEM: 'CURFEW',
  ERPEM: 'EXCLUSION', ERLPEM: 'EXCLUSION', AAR: 'ALCOHOL_ABSTINENCE', YREMW1: 'ELECTRONIC_WHEREABOUTS',
};

export const PSR_PHRASES: readonly RegExp[] = [/\bpre-?sentence reports?\b/i, /\bPSR\b/];

/** Wider wording: an adjournment "for reports" is usually, not always, a PSR. Weak evidence. */
export const REPORT_PHRASES: readonly RegExp[] = [/\b(?:for|awaiting|obtain|prepare) (?:a )?reports?\b/i, /\bprobation\b/i];

export const REPORT_FALSE_FRIENDS: readonly RegExp[] = [
  /(?:medical|psychiatric)(?: and (?:medical|psychiatric))? reports?/gi,
  /report to [^.,;\n]*police station/gi,
  /reporting restrictions?/gi,
];
