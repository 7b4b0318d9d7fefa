import type { Defendant, ProsecutionCase } from '../model/index.js';
import type { Evidence } from './obligation.js';

/**
 * Is this case one the police must be told about? Police forces have OU codes of two digits
 * (force number) then five characters (e.g. 0480000 City of London), and authority codes
 * ending in PF (CITYPF, DERPF). CPS prosecutes police-charged cases: the police need those
 * results too when the defendant carries an arrest/summons number. Other prosecutors (TfL,
 * DVLA…) are not police. Anything else cannot be decided by rule and is flagged for review.
 */
export type PoliceDecision =
  | { readonly decision: 'police'; readonly forceCode?: string; readonly evidence: readonly Evidence[] }
  | { readonly decision: 'not-police'; readonly reason: string }
  /** `evidence`: the identifiers the rule could not place, by path — what a person needs to decide. */
  | { readonly decision: 'undecided'; readonly reason: string; readonly evidence: readonly Evidence[] };

const POLICE_OU = /^(\d{2})[0-9A-Z]{5}$/;
const NON_POLICE_PROSECUTORS = new Set(['TFL', 'DVLA', 'TVL', 'EA', 'RSPCA', 'HMRC', 'DWP', 'NRM']);

export function decidePolice(prosecutionCase: ProsecutionCase, defendant: Defendant, path: string): PoliceDecision {
  const id = prosecutionCase.prosecutionCaseIdentifier;
  const ou = id.prosecutionAuthorityOUCode?.toUpperCase();
  const code = id.prosecutionAuthorityCode?.toUpperCase() ?? '';
  const ouMatch = ou ? POLICE_OU.exec(ou) : null;
  if (ouMatch) {
    return {
      decision: 'police',
      forceCode: ouMatch[1],
      evidence: [{ code: 'ROUTE.POLICE_OU', path: `${path}.prosecutionCaseIdentifier.prosecutionAuthorityOUCode`, detail: ou! }],
    };
  }
  if (code.endsWith('PF')) {
    return { decision: 'police', evidence: [{ code: 'ROUTE.POLICE_AUTHORITY', path: `${path}.prosecutionCaseIdentifier.prosecutionAuthorityCode`, detail: code }] };
  }
  if (code === 'CPS') {
    if (defendant.personDefendant?.arrestSummonsNumber) {
      return { decision: 'police', evidence: [{ code: 'ROUTE.CPS_WITH_ASN', path: `${path}.prosecutionCaseIdentifier.prosecutionAuthorityCode`, detail: 'CPS case with an ASN' }] };
    }
    return { decision: 'undecided', reason: 'CPS case without an arrest/summons number: police involvement unknown', evidence: undecided(path, code, ou) };
  }
  if (NON_POLICE_PROSECUTORS.has(code) || (ou && /^[A-Z]/.test(ou))) {
    return { decision: 'not-police', reason: `prosecutor ${code || ou} is not a police force` };
  }
  return { decision: 'undecided', reason: `prosecutor ${code || '(none)'} / OU ${ou ?? '(none)'} not recognised`, evidence: undecided(path, code, ou) };
}

function undecided(path: string, code: string, ou: string | undefined): Evidence[] {
  const at = `${path}.prosecutionCaseIdentifier`;
  return [
    { code: 'ROUTE.POLICE_UNDECIDED', path: `${at}.prosecutionAuthorityCode`, detail: `prosecuting authority ${code || '(none)'}` },
    { code: 'ROUTE.POLICE_UNDECIDED', path: `${at}.prosecutionAuthorityOUCode`, detail: ou ? `OU ${ou}: not a police force code` : 'no OU code' },
  ];
}
