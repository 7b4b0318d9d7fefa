import { problem, type Problem } from '../../../libs/domain/src/errors/problem.js';
import type { ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import type { CourtDefendant, CourtOffence, ResultedCaseMessage } from './wire.js';
import { toDateAndTime } from './rules/cp-dates.rule.js';
import { rule } from './rules/mapping-rule.js';
import { courtOffence } from './rules/offence.rule.js';
import { offenceLocations, PROSECUTION_CASE_FILE } from './rules/offence-location.rule.js';
import { corporateDefendant, individualDefendant } from './rules/person.rule.js';

export type MapOutcome = { readonly ok: true; readonly wire: ResultedCaseMessage } | { readonly ok: false; readonly problems: readonly Problem[] };

export const courtHearingLocation = rule<ObligationSubject, string>(
  'TP-001',
  'court centre hearing location (else its OU code) → CourtHearingLocation',
  ({ hearing }, problems, path) => {
    const value = hearing.courtCentre.courtHearingLocation ?? hearing.courtCentre.code;
    if (!value) problems.push(problem('PAYLOAD.MISSING_FIELD', `${path}.courtCentre.courtHearingLocation`, 'court hearing location is required'));
    return value ?? '';
  },
);

export const psaCode = rule<ObligationSubject, string>('TP-002', 'court centre PSA code (else its LJA code) → PSAcode', ({ hearing }, problems, path) => {
  const value = hearing.courtCentre.psaCode ?? hearing.courtCentre.lja?.ljaCode;
  if (value === undefined || value === null || !/^\d{4}$/.test(String(value))) {
    problems.push(problem('PAYLOAD.MISSING_FIELD', `${path}.courtCentre.psaCode`, `a four-digit PSA code is required (got ${value ?? 'none'})`));
  }
  return String(value ?? '');
});

export const ptiUrn = rule<ObligationSubject, string>('TP-003', 'case URN (else prosecution authority reference) → PTIURN', ({ prosecutionCase }, problems, path) => {
  const id = prosecutionCase.prosecutionCaseIdentifier;
  const value = id.caseURN ?? id.prosecutionAuthorityReference;
  if (!value) problems.push(problem('PAYLOAD.MISSING_FIELD', `${path}.prosecutionCaseIdentifier.caseURN`, 'case URN is required'));
  return value ?? '';
});

export const prosecutorReference = rule<ObligationSubject, string>(
  'TP-004',
  "defendant's prosecution authority reference (else arrest/summons number) → ProsecutorReference",
  ({ defendant }, problems, path) => {
    const value = defendant.prosecutionAuthorityReference ?? defendant.personDefendant?.arrestSummonsNumber;
    if (!value) problems.push(problem('PAYLOAD.MISSING_FIELD', `${path}.prosecutionAuthorityReference`, 'prosecutor reference is required'));
    return value ?? '';
  },
);

/**
 * Pure: one defendant of one case of a resulted hearing → one ResultedCaseMessage. `enrichment`
 * carries what the worker resolved beyond the hearing (the prosecution case file's offence locations).
 */
export function mapToResultedCaseMessage(subject: ObligationSubject, enrichment?: Readonly<Record<string, unknown>>): MapOutcome {
  const problems: Problem[] = [];
  const { hearing, defendant } = subject;
  const hearingPath = '$.hearing';
  const defPath = `${hearingPath}.prosecutionCases[id=${subject.prosecutionCase.id}].defendants[id=${defendant.id}]`;

  const sitting = toDateAndTime.apply(hearing.hearingDays?.[0]?.sittingDay, problems, `${hearingPath}.hearingDays[0].sittingDay`);
  const psa = psaCode.apply(subject, problems, hearingPath);
  const offences: CourtOffence[] = [];
  const locations = enrichment && PROSECUTION_CASE_FILE in enrichment ? offenceLocations.apply(enrichment[PROSECUTION_CASE_FILE], problems, defPath) : undefined;
  defendant.offences.forEach((offence, i) => {
    const mapped = courtOffence.apply({ offence, hearingDate: sitting?.date ?? '', psaCode: psa, ...(locations ? { locations } : {}) }, problems, `${defPath}.offences[${i}]`);
    if (mapped) offences.push(mapped);
  });
  if (offences.length === 0) {
    problems.push(problem('CONTRACT.MAPPING_FAILED', `${defPath}.offences`, 'no offence carries a result the police may see'));
  }
  const courtDefendant: CourtDefendant = {
    prosecutorReference: prosecutorReference.apply(subject, problems, defPath),
    individual: individualDefendant.apply(subject, problems, defPath),
    corporate: defendant.personDefendant ? undefined : corporateDefendant.apply(subject, problems, defPath),
    offences,
  };
  if (!courtDefendant.individual && !courtDefendant.corporate) {
    problems.push(problem('PAYLOAD.MISSING_FIELD', `${defPath}.personDefendant`, 'defendant is neither a person nor an organisation'));
  }
  const wire: ResultedCaseMessage = {
    session: {
      courtHearing: {
        hearing: { courtHearingLocation: courtHearingLocation.apply(subject, problems, hearingPath), dateOfHearing: sitting?.date ?? '', timeOfHearing: sitting?.time ?? '' },
        psaCode: psa,
      },
      cases: [{ ptiUrn: ptiUrn.apply(subject, problems, `${hearingPath}.prosecutionCases[id=${subject.prosecutionCase.id}]`), defendant: courtDefendant }],
    },
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, wire };
}
