import type { ObligationSubject } from '../../../libs/contracts-kit/src/adapter.js';
import type { JudicialResult, Offence } from '../../../libs/domain/src/model/index.js';
import { adapter, mapFile } from './adapter.js';
import { mapToResultedCaseMessage } from './from-domain.mapper.js';
import { genderCode, pleaCode } from './rules/codes.rule.js';
import { PROSECUTION_CASE_FILE } from './rules/offence-location.rule.js';
import { mappingRules } from './rules/catalogue.js';
import { missingSchemaFiles } from './schema.js';
import { serializeResultedCaseMessage } from './serializer.js';

const result = (over: Partial<JudicialResult> = {}): JudicialResult => ({
  orderedHearingId: 'h1',
  label: 'Fine',
  isAdjournmentResult: false,
  isFinancialResult: true,
  isConvictedResult: true,
  isAvailableForCourtExtract: true,
  orderedDate: '2025-01-01',
  category: 'FINAL',
  cjsCode: '1015',
  resultText: 'Fine',
  ...over,
});

const offence = (over: Partial<Offence> = {}): Offence => ({
  id: 'o1',
  offenceCode: 'TH68010',
  wording: 'Stole',
  startDate: '2025-01-01',
  offenceDateCode: 1,
  offenceSequenceNumber: 1,
  finalDisposal: 'Y',
  judicialResults: [result()],
  ...over,
});

function subject(offences: Offence[], gender = 'MALE'): ObligationSubject {
  const defendant = {
    id: 'd1',
    prosecutionCaseId: 'c1',
    prosecutionAuthorityReference: 'ASN1',
    offences,
    personDefendant: { personDetails: { lastName: 'Jones', firstName: 'Gwyneth', gender, address: { address1: '1 Stryd Fawr' } } },
  };
  return {
    hearing: {
      id: 'h1',
      jurisdictionType: 'MAGISTRATES',
      courtCentre: { id: 'cc', courtHearingLocation: 'B01LY00', psaCode: 2577 },
      type: {},
      hearingDays: [{ sittingDay: '2025-01-02T09:00:00.000Z' }],
    },
    prosecutionCase: { id: 'c1', initiationCode: 'C', prosecutionCaseIdentifier: { prosecutionAuthorityId: 'p', prosecutionAuthorityCode: 'HIWPF', caseURN: '44HW1234525' }, defendants: [defendant] },
    defendant,
  };
}

function xmlOf(s: ObligationSubject): string {
  const mapped = mapToResultedCaseMessage(s);
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.problems));
  return serializeResultedCaseMessage(mapped.wire);
}

const withSchemas = missingSchemaFiles().length === 0 ? it : it.skip;

describe('police-results@v2 mapping rules', () => {
  it('declares a TP id and a purpose for every rule', () => {
    expect(mappingRules.length).toBeGreaterThan(20);
    for (const r of mappingRules) {
      expect(r.id).toMatch(/^TP-\d{3}$/);
      expect(r.purpose.length).toBeGreaterThan(10);
    }
    expect(new Set(mappingRules.map((r) => r.id)).size).toBe(mappingRules.length);
  });

  it('codes gender as the partner does', () => {
    expect(['MALE', 'FEMALE', 'NOT_KNOWN', 'NOT_SPECIFIED', 'other', undefined].map((g) => genderCode.apply(g, [], ''))).toEqual(['1', '2', '0', '9', '9', '9']);
  });

  it('codes pleas from the reference table; indicated pleas count only when GUILTY', () => {
    const code = (o: Partial<Offence>) => pleaCode.apply(offence(o), [], '$');
    expect(code({})).toBe('3');
    expect(code({ plea: { pleaValue: 'GUILTY' } })).toBe('1');
    expect(code({ plea: { pleaValue: 'NOT_GUILTY' } })).toBe('2');
    expect(code({ plea: { pleaValue: 'AUTREFOIS_CONVICT' } })).toBe('3');
    expect(code({ indicatedPlea: { indicatedPleaValue: 'INDICATED_GUILTY' } })).toBe('1');
    expect(code({ indicatedPlea: { indicatedPleaValue: 'INDICATED_NOT_GUILTY' } })).toBe('3');
    expect(code({ plea: { pleaValue: 'NOT_GUILTY' }, indicatedPlea: { indicatedPleaValue: 'INDICATED_GUILTY' } })).toBe('2');
    const problems: never[] = [];
    pleaCode.apply(offence({ plea: { pleaValue: 'SOMETHING_NEW' } }), problems, '$.o');
    expect(problems).toMatchObject([{ code: 'CONTRACT.UNKNOWN_CODE', path: '$.o.plea.pleaValue' }]);
  });

  it('escapes & < > in result text once, and keeps Welsh text intact', () => {
    const text = 'Dirwy £100 & costau <llys> – "talu" ŵ ŷ';
    const xml = xmlOf(subject([offence({ judicialResults: [result({ resultText: text })] })]));
    expect(xml).toContain('<ResultText>Dirwy £100 &amp; costau &lt;llys&gt; – &quot;talu&quot; ŵ ŷ</ResultText>');
  });

  it('escapes the business text again at each envelope layer (DataStreamContent, SOAP Message)', () => {
    const text = 'A & B <c>';
    const doc = xmlOf(subject([offence({ judicialResults: [result({ resultText: text })] })]));
    const { payload } = adapter.envelope(doc, { notificationId: 'n', messageId: 'm-1', now: '2025-01-01T00:00:00Z' });
    // business text is escaped three times: document, DataStreamContent, SOAP Message
    expect(payload).toContain('A &amp;amp;amp; B &amp;amp;lt;c&amp;amp;gt;');
  });

  it('folds accented names to the schema character set', () => {
    const s = subject([offence()]);
    const xml = xmlOf({ ...s, defendant: { ...s.defendant, personDefendant: { personDetails: { firstName: 'Siân', lastName: 'Llŷr-Øster', gender: 'FEMALE' } } } });
    expect(xml).toContain('<PersonGivenName1>Sian</PersonGivenName1><PersonFamilyName>Llyr-Oster</PersonFamilyName>');
  });

  withSchemas('maps over a hundred results on one offence into one valid message', () => {
    const many = Array.from({ length: 150 }, (_, i) => result({ cjsCode: String(1000 + i), resultText: `Result ${i} – Canlyniad ${i}` }));
    const s = subject([offence({ judicialResults: many })]);
    const mapped = adapter.map(s, { notificationId: 'n', messageId: 'm', now: 'x' });
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    const doc = adapter.serialize(mapped.wire, { notificationId: 'n', messageId: 'm', now: 'x' });
    expect(doc.match(/<Result>/g)).toHaveLength(150);
    expect(adapter.validate(doc)).toEqual([]);
  });

  it('truncates result text to 2500 and reports business-rule problems with codes and paths', () => {
    const long = 'x'.repeat(3000);
    const ok = adapter.map(subject([offence({ judicialResults: [result({ resultText: long })] })]), { notificationId: 'n', messageId: 'm', now: 'x' });
    expect(ok.ok && ok.wire.session.cases[0]!.defendant.offences[0]!.results[0]!.resultText.length).toBe(2500);

    const s = subject([offence({ judicialResults: [result({ cjsCode: '12345' })] })]);
    const bad = adapter.map({ ...s, prosecutionCase: { ...s.prosecutionCase, prosecutionCaseIdentifier: { ...s.prosecutionCase.prosecutionCaseIdentifier, caseURN: '123456789012' } } }, { notificationId: 'n', messageId: 'm', now: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.map((p) => p.code).sort()).toEqual(['CONTRACT.PTIURN_INVALID', 'CONTRACT.RESULT_CODE_INVALID']);
      expect(bad.problems.find((p) => p.code === 'CONTRACT.RESULT_CODE_INVALID')!.path).toBe('/ResultedCaseMessage/Session/Case[1]/Defendant/Offence[1]/Result[1]/ResultCode');
    }
  });

  it('reports missing required facts as problems, never throws', () => {
    const s = subject([offence({ judicialResults: [] })]);
    const r = mapToResultedCaseMessage({ ...s, hearing: { ...s.hearing, hearingDays: [] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['PAYLOAD.MISSING_FIELD', 'CONTRACT.MAPPING_FAILED']));
  });

  it('mapFile rejects an unknown payload shape', () => {
    expect(mapFile({ hello: 'world' }, { notificationId: 'n', messageId: 'm', now: 'x' })).toMatchObject({ ok: false, problems: [{ code: 'PAYLOAD.UNKNOWN_SHAPE' }] });
  });
});

describe('police-results@v2 LocationOfOffence through the enrichment port (issue 27, TP-024, as v1)', () => {
  const located = subject([offence({ id: 'o1' }), offence({ id: 'o2' })]);
  const xml = (enrichment?: Record<string, unknown>) => {
    const mapped = adapter.map(located, { notificationId: 'n', messageId: 'm', now: '2025-01-02T10:00:00Z', ...(enrichment ? { enrichment } : {}) });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.problems));
    return serializeResultedCaseMessage(mapped.wire);
  };

  it('declares the case file of the subject case as a need', () => {
    expect(adapter.enrichments?.(located)).toEqual([{ kind: PROSECUTION_CASE_FILE, key: 'c1' }]);
  });

  it('sets LocationOfOffence only for the offences the case file locates (non-blank); none without a case file', () => {
    const caseFile = { defendants: [{ offences: [{ offenceId: 'o1', offenceLocation: 'at Wetherby' }, { offenceId: 'o2', offenceLocation: '  ' }] }] };
    expect(xml({ [PROSECUTION_CASE_FILE]: caseFile }).match(/<LocationOfOffence>([^<]*)<\/LocationOfOffence>/g)).toEqual(['<LocationOfOffence>at Wetherby</LocationOfOffence>']);
    expect(xml({ [PROSECUTION_CASE_FILE]: null })).not.toContain('LocationOfOffence');
    expect(xml()).not.toContain('LocationOfOffence');
  });
});
