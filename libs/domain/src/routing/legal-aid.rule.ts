import type { Defendant, Hearing, ProsecutionCase } from '../model/index.js';
import { defendantPath, type PartnerDecision, type PartnerReason } from './partner-decision.js';
import { resultsOf } from './prison.rule.js';

/**
 * Legal-aid signals of the Common Platform. Sources (shared fixtures, used in place): laa-cda
 * (ministryofjustice/laa-court-data-adaptor spec fixtures): `laaApplnReference` on offences
 * (statusCode AP, GR, G2 with an applicationReference), `legalAidStatus` on the defendant,
 * `associatedDefenceOrganisation.isAssociatedByLAA` / fundingType REPRESENTATION_ORDER, and the
 * "Legal Aid Transfer Granted" result (CJS 4600).
 */
export const LEGAL_AID_RESULT_CJS_CODES: Readonly<Record<string, string>> = { '4600': 'Legal Aid Transfer Granted' };

/** legalAidStatus values that mean the defendant has no legal aid to report on. */
export const NO_LEGAL_AID_STATUSES: ReadonlySet<string> = new Set(['NO_LEGALAID', 'NO_LEGAL_AID', 'NONE', '']);

interface AssociatedDefence {
  readonly isAssociatedByLAA?: boolean;
  readonly fundingType?: string;
  readonly applicationReference?: string;
}

/**
 * Must the Legal Aid Agency hear this defendant's outcome? Required when an offence carries a legal
 * aid application reference (the LAA's MAAT id), the defence firm is associated by the LAA or paid
 * under a representation order, or a legal aid result was made. A legalAidStatus other than "no
 * legal aid" without a reference is possible: the agency may not know the case by it.
 */
export function decideLegalAid(hearing: Hearing, prosecutionCase: ProsecutionCase, defendant: Defendant): PartnerDecision {
  const base = defendantPath(hearing.prosecutionCases?.indexOf(prosecutionCase) ?? 0, prosecutionCase.defendants.indexOf(defendant));
  const required: PartnerReason[] = [];
  defendant.offences.forEach((o, i) => {
    const ref = o.laaApplnReference;
    if (ref?.applicationReference) {
      required.push({ code: 'LEGAL_AID.APPLICATION_REFERENCE', path: `${base}.offences[${i}].laaApplnReference`, evidence: `${ref.applicationReference} status ${ref.statusCode}` });
    }
  });
  const association = (defendant as Defendant & { associatedDefenceOrganisation?: AssociatedDefence }).associatedDefenceOrganisation;
  if (association?.isAssociatedByLAA === true || association?.fundingType === 'REPRESENTATION_ORDER') {
    required.push({ code: 'LEGAL_AID.DEFENCE_ASSOCIATED_BY_LAA', path: `${base}.associatedDefenceOrganisation`, evidence: `funding ${association.fundingType ?? '?'}${association.applicationReference ? `, ${association.applicationReference}` : ''}` });
  }
  for (const { result, path } of resultsOf(hearing, defendant, base)) {
    const label = LEGAL_AID_RESULT_CJS_CODES[result.cjsCode ?? ''];
    if (label) required.push({ code: 'LEGAL_AID.RESULT', path: `${path}.cjsCode`, evidence: `${result.cjsCode} ${label}` });
  }
  const status = defendant.legalAidStatus?.trim() ?? '';
  const statusReason: PartnerReason | undefined = NO_LEGAL_AID_STATUSES.has(status.toUpperCase()) ? undefined : { code: 'LEGAL_AID.STATUS', path: `${base}.legalAidStatus`, evidence: status };
  if (required.length) return { decision: 'required', reasons: statusReason ? [...required, statusReason] : required };
  if (statusReason) return { decision: 'possible', reasons: [{ code: 'LEGAL_AID.NO_REFERENCE', path: base, evidence: 'a legal aid status is given but no application reference identifies the case to the agency' }, statusReason] };
  return { decision: 'none', reasons: [] };
}
