/**
 * Custody vocabulary of the Common Platform: the results, CJS codes, custody statuses and phrases
 * that say a defendant goes to (or leaves) prison. Data only: a new result is a one-line change.
 *
 * Sources (all under the shared fixtures root, used in place):
 * - ids with labels, short codes and CJS codes: em-create-order cp_payload.json (RIB, CCIIB, CCSIB,
 *   with postHearingCustodyStatus P) and court-hearing-event-receiver/large-hearing-update.json
 *   (RI, CJS 4028, bail status C; its label is redacted in the source to "Remanded in Redacted").
 * - CJS codes without a CP payload: the SPI ResultText next to them in bichard7 e2e inputs
 *   (1002 "Imprisonment for 12 Months" test-003, 1024 "Young Offender" and 1081 "Detention
 *   Training" test-057, 4049 "... Remanded in custody." test-249) and cp-spi-staging
 *   (4016 "CCSI - Committed to Crown Court for sentence in custody").
 * - custody status letters: laa-cda/bail_status.json ("C" Custody or remanded into custody) and the
 *   postHearingCustodyStatus values seen in the em-create-order payloads.
 */

export type CustodyKind = 'remand' | 'committal' | 'sentence' | 'release';

export interface CustodyResult {
  /** CP judicialResultTypeId, where a real payload showed one. */
  readonly id?: string;
  readonly shortCode?: string;
  /** CJS result code; a code is only listed where it cannot mean something else in CP. */
  readonly cjsCode?: string;
  readonly label: string;
  readonly kind: CustodyKind;
}

export const CUSTODY_RESULTS: readonly CustodyResult[] = [
  { id: 'd0a369c9-5a28-40ec-99cb-da7943550b18', shortCode: 'RI', cjsCode: '4028', label: 'Remanded in custody', kind: 'remand' },
  // CP's RIB carries CJS 4046, which bichard7 shows as a remittal for trial: matched by id only.
  { id: 'e26940b7-2534-42f2-9c44-c70072bf6ad2', shortCode: 'RIB', label: 'Remanded in custody with bail direction', kind: 'remand' },
  { cjsCode: '4049', label: 'Remanded in custody (prosecution appeal)', kind: 'remand' },
  { shortCode: 'CCSI', cjsCode: '4016', label: 'Committed to Crown Court for sentence in custody', kind: 'committal' },
  { id: '35430208-3705-44ce-b5d5-153c0337f6ab', shortCode: 'CCSIB', cjsCode: '4017', label: 'Committed to Crown Court for sentence - in custody with bail direction', kind: 'committal' },
  { id: '062373fb-ada8-49a1-b7de-659426ba6b88', shortCode: 'CCIIB', cjsCode: '4561', label: 'Sent to Crown Court in custody for trial with bail direction', kind: 'committal' },
  { cjsCode: '1002', label: 'Imprisonment', kind: 'sentence' },
  { cjsCode: '1024', label: 'Detention in a young offender institution', kind: 'sentence' },
  { cjsCode: '1081', label: 'Detention and training order', kind: 'sentence' },
];

/**
 * postHearingCustodyStatus letters that leave the defendant in prison after the hearing: C, and P
 * (custody with a bail direction: held until the pre-release conditions are met).
 */
export const CUSTODY_STATUSES: Readonly<Record<string, string>> = {
  C: 'custody or remanded into custody',
  P: 'in custody until pre-release bail conditions are met',
};

/** Statuses that are not custody: a defendant who was in custody and gets one is released. */
export const AT_LIBERTY_STATUSES: Readonly<Record<string, string>> = {
  A: 'not applicable',
  B: 'conditional bail',
  U: 'unconditional bail',
  L: 'remanded into care of local authority',
};

/** Phrases suggesting custody when no structured signal says so (weak evidence). */
export const CUSTODY_PHRASES: readonly RegExp[] = [
  /\bremand(?:ed)? in(?:to)? custody\b/i,
  /\bcommitted (?:to [A-Za-z' ]+ )?(?:for sentence |for trial )?in custody\b/i,
  /\bimprison(?:ment|ed)\b/i,
  /\bdetention (?:and training|in a young offender)/i,
  /\bcommitted to prison\b/i,
];

export const RELEASE_PHRASES: readonly RegExp[] = [/\breleased? (?:from custody|forthwith|on licence)\b/i, /\bdischarged from custody\b/i];

/** Wording that looks like custody but is not (a suspended sentence, a time limit, LA care). */
export const CUSTODY_FALSE_FRIENDS: readonly RegExp[] = [
  /suspended sentence order[^.\n]*/gi,
  /suspended (?:imprisonment|sentence)[^.\n]*/gi,
  // em-create-order SUSPS: "Committed to prison for 6 Months suspended for 2 Years."
  /(?:committed to prison|imprisonment|detention)[^.\n]*suspended for[^.\n]*/gi,
  /(?:custody|redacted) time limit/gi,
  /remand(?:ed)? in(?:to)? (?:the )?care of (?:the )?local authority/gi,
];
