import type { ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import { adapter } from './adapter.js';
import { PROSECUTION_CASE_FILE } from './rules/offence-location.rule.js';
import { serializeResultedCaseMessage } from './serializer.js';

/** v2 (force 04) reads offence locations from the prosecution case file as v1 does (issue 27, TP-024). */
describe('police-results@v2 LocationOfOffence through the enrichment port', () => {
  const offence = (id: string) => ({
    id,
    offenceCode: 'TH68010',
    wording: 'Stole',
    startDate: '2025-01-01',
    offenceDateCode: 1,
    offenceSequenceNumber: 1,
    finalDisposal: 'Y',
    judicialResults: [{ orderedHearingId: 'h1', label: 'Fine', isAdjournmentResult: false, isFinancialResult: true, isConvictedResult: true, isAvailableForCourtExtract: true, orderedDate: '2025-01-01', category: 'FINAL', cjsCode: '1015', resultText: 'Fine' }],
  });
  const defendant = { id: 'd1', prosecutionCaseId: 'c1', prosecutionAuthorityReference: 'ASN1', offences: [offence('o1'), offence('o2')], personDefendant: { personDetails: { lastName: 'Jones', firstName: 'Gwyneth', gender: 'MALE', address: { address1: '1 Stryd Fawr' } } } };
  const subject = {
    hearing: { id: 'h1', jurisdictionType: 'MAGISTRATES', courtCentre: { id: 'cc', courtHearingLocation: 'B01LY00', psaCode: 2577 }, type: {}, hearingDays: [{ sittingDay: '2025-01-02T09:00:00.000Z' }] },
    prosecutionCase: { id: 'c1', initiationCode: 'C', prosecutionCaseIdentifier: { prosecutionAuthorityId: 'p', prosecutionAuthorityCode: 'HIWPF', caseURN: '44HW1234525' }, defendants: [defendant] },
    defendant,
  } as unknown as ObligationSubject;
  const ctx = (enrichment?: Record<string, unknown>) => ({ notificationId: 'n', messageId: 'm', now: '2025-01-02T10:00:00Z', ...(enrichment ? { enrichment } : {}) });
  const xml = (enrichment?: Record<string, unknown>) => {
    const mapped = adapter.map(subject, ctx(enrichment));
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.problems));
    return serializeResultedCaseMessage(mapped.wire);
  };

  it('declares the case file of the subject case as a need', () => {
    expect(adapter.enrichments?.(subject)).toEqual([{ kind: PROSECUTION_CASE_FILE, key: 'c1' }]);
  });

  it('sets LocationOfOffence only for the offences the case file locates (non-blank); none without a case file', () => {
    const caseFile = { defendants: [{ offences: [{ offenceId: 'o1', offenceLocation: 'at Wetherby' }, { offenceId: 'o2', offenceLocation: '  ' }] }] };
    const located = xml({ [PROSECUTION_CASE_FILE]: caseFile });
    expect(located.match(/<LocationOfOffence>([^<]*)<\/LocationOfOffence>/g)).toEqual(['<LocationOfOffence>at Wetherby</LocationOfOffence>']);
    expect(xml({ [PROSECUTION_CASE_FILE]: null })).not.toContain('LocationOfOffence');
    expect(xml()).not.toContain('LocationOfOffence');
  });
});
