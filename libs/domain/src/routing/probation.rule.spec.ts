import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Defendant, Hearing, HearingResulted, JudicialResult, ProsecutionCase } from '../model/index.js';
import { decideProbation } from './probation.rule.js';
import { PROBATION_ORDERS } from './probation.vocabulary.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const root = resolve(projectRoot, process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');
const toFms = join(root, 'em-create-order', 'cp-hearing-to-fms');
const ignoredFile = join(root, 'em-create-order', 'cp-hearing-ignored', 'No_EM_Payload.json');
const haveReal = existsSync(toFms) && existsSync(ignoredFile);
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const everyDefendant = (h: Hearing): [ProsecutionCase, Defendant][] => (h.prosecutionCases ?? []).flatMap((c) => c.defendants.map((d) => [c, d] as [ProsecutionCase, Defendant]));
const shortCodes = new Set(PROBATION_ORDERS.flatMap((o) => (o.shortCode ? [o.shortCode] : [])));
/** What the payload itself says the order is: the short code printed at the start of a result's text. */
const printedOrder = (d: Defendant): boolean => d.offences.flatMap((o) => o.judicialResults ?? []).some((r) => shortCodes.has(/^([A-Z0-9]+) - /.exec(r.resultText ?? '')?.[1] ?? ''));

describe('decideProbation on real em-create-order payloads', () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT)`, () => undefined);
    return;
  }
  const scenarios = readdirSync(toFms).filter((d) => !Array.isArray(readJson(join(toFms, d, 'cp_payload.json')))).sort();

  it.each(scenarios)('%s: community, youth and suspended sentence orders are required; bail results only for a PSR', (scenario) => {
    const { hearing } = readJson(join(toFms, scenario, 'cp_payload.json')) as HearingResulted;
    for (const [c, d] of everyDefendant(hearing)) {
      const decision = decideProbation(hearing, c, d);
      if (printedOrder(d)) {
        expect(decision.decision).toBe('required');
        expect(decision.reasons[0]!.code).toMatch(/^PROBATION\.ORDER_(RESULT|CJS_CODE)$/);
      } else if (decision.decision === 'required') {
        // Several bail payloads say "PSR ordered." in the remand text: a real report request.
        expect(decision.reasons.every((r) => r.code === 'PROBATION.PSR_ADJOURNMENT')).toBe(true);
      }
    }
  });

  it('No_EM_Payload (type ids blanked) is still required by its CJS code 1116, with its requirement', () => {
    const { hearing } = readJson(ignoredFile) as HearingResulted;
    const [[c, d]] = everyDefendant(hearing) as [[ProsecutionCase, Defendant]];
    const decision = decideProbation(hearing, c, d);
    expect(decision.decision).toBe('required');
    expect(decision.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['PROBATION.ORDER_CJS_CODE', 'PROBATION.REQUIREMENT']));
  });
});

const result = (over: Partial<JudicialResult>): JudicialResult => ({
  orderedHearingId: 'h1', label: 'Adjournment', isAdjournmentResult: false, isFinancialResult: false, isConvictedResult: false,
  isAvailableForCourtExtract: true, orderedDate: '2026-11-20', category: 'FINAL', ...over,
});

function hearingWith(results: JudicialResult[]): { hearing: Hearing; c: ProsecutionCase; d: Defendant } {
  const d: Defendant = { id: 'd1', prosecutionCaseId: 'c1', offences: [{ id: 'o1', offenceCode: 'TH68001', startDate: '2026-01-01', judicialResults: results }], personDefendant: { personDetails: { lastName: 'Example', gender: 'MALE' } } };
  const c: ProsecutionCase = { id: 'c1', initiationCode: 'C', prosecutionCaseIdentifier: { prosecutionAuthorityId: 'p', prosecutionAuthorityCode: 'CITYPF' }, defendants: [d] };
  return { hearing: { id: 'h1', jurisdictionType: 'MAGISTRATES', courtCentre: { id: 'cc' }, type: {}, prosecutionCases: [c] }, c, d };
}

describe('decideProbation on synthetic cases', () => {
  it('an adjournment for a pre-sentence report is required', () => {
    const { hearing, c, d } = hearingWith([result({ isAdjournmentResult: true, category: 'INTERMEDIARY', nextHearing: { adjournmentReason: 'Pre-sentence report to be prepared by the probation service' } })]);
    expect(decideProbation(hearing, c, d)).toEqual({
      decision: 'required',
      reasons: [{ code: 'PROBATION.PSR_ADJOURNMENT', path: '$.hearing.prosecutionCases[0].defendants[0].offences[0].judicialResults[0].nextHearing.adjournmentReason', evidence: 'Pre-sentence report' }],
    });
  });

  it('an adjournment for medical and psychiatric reports is not a PSR', () => {
    const { hearing, c, d } = hearingWith([result({ isAdjournmentResult: true, resultText: 'Remanded for medical and psychiatric reports by one medical practitioner.' })]);
    expect(decideProbation(hearing, c, d).decision).toBe('none');
  });

  it('an adjournment "for reports" is possible', () => {
    const { hearing, c, d } = hearingWith([result({ isAdjournmentResult: true, resultText: 'Adjourned for reports.' })]);
    expect(decideProbation(hearing, c, d).decision).toBe('possible');
  });

  it('a requirement without its order is possible', () => {
    const { hearing, c, d } = hearingWith([result({ label: 'Unpaid work', cjsCode: '3101', category: 'ANCILLARY' })]);
    const decision = decideProbation(hearing, c, d);
    expect(decision.decision).toBe('possible');
    expect(decision.reasons.map((r) => r.code)).toEqual(['PROBATION.NO_STRUCTURED_SIGNAL', 'PROBATION.REQUIREMENT']);
  });

  it('a fine is none', () => {
    const { hearing, c, d } = hearingWith([result({ label: 'Fine', cjsCode: '1015', resultText: 'Fine 250.00 GBP' })]);
    expect(decideProbation(hearing, c, d)).toEqual({ decision: 'none', reasons: [] });
  });
});
