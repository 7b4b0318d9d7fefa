import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Defendant, Hearing, HearingResulted, JudicialResult, ProsecutionCase } from '../model/index.js';
import { decidePrison } from './prison.rule.js';

// Resolved as contracts-kit does (libs/domain imports nothing outside itself).
const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const root = resolve(projectRoot, process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');
const toFms = join(root, 'em-create-order', 'cp-hearing-to-fms');
const cher = join(root, 'court-hearing-event-receiver', 'large-hearing-update.json');
const haveReal = existsSync(toFms) && existsSync(cher);
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const everyDefendant = (h: Hearing): [ProsecutionCase, Defendant][] => (h.prosecutionCases ?? []).flatMap((c) => c.defendants.map((d) => [c, d] as [ProsecutionCase, Defendant]));
const resultsOf = (d: Defendant): JudicialResult[] => d.offences.flatMap((o) => o.judicialResults ?? []);

describe('decidePrison on real payloads', () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT)`, () => undefined);
    return;
  }
  const scenarios = readdirSync(toFms).filter((d) => !Array.isArray(readJson(join(toFms, d, 'cp_payload.json')))).sort();

  it.each(scenarios)('em-create-order %s: custody statuses C/P are required, anything else is not', (scenario) => {
    const { hearing } = readJson(join(toFms, scenario, 'cp_payload.json')) as HearingResulted;
    for (const [c, d] of everyDefendant(hearing)) {
      const held = resultsOf(d).some((r) => ['C', 'P'].includes(r.postHearingCustodyStatus ?? ''));
      const decision = decidePrison(hearing, c, d);
      if (held) expect(decision.decision).toBe('required');
      // Suspended sentences say "imprisonment"/"detention" but are not custody.
      else if (d.personDefendant?.bailStatus?.code !== 'C') expect(decision.decision).toBe('none');
    }
  });

  it('court-hearing-event-receiver large update: remand in custody (RI, CJS 4028) is required; held defendants without one are possible', () => {
    const { hearing } = readJson(cher) as HearingResulted;
    let required = 0;
    for (const [c, d] of everyDefendant(hearing)) {
      const decision = decidePrison(hearing, c, d);
      const remanded = resultsOf(d).some((r) => r.cjsCode === '4028');
      if (remanded) {
        required++;
        expect(decision.decision).toBe('required');
        expect(decision.reasons.map((r) => r.code)).toContain('PRISON.CUSTODY_RESULT');
      } else if (d.personDefendant?.bailStatus?.code === 'C') {
        expect(decision).toMatchObject({ decision: 'possible' });
        expect(decision.reasons[0]!.code).toMatch(/^PRISON\.(RELEASE|IN_CUSTODY)$/);
      } else {
        expect(decision.decision).toBe('none');
      }
    }
    expect(required).toBeGreaterThan(0);
  });
});

const result = (over: Partial<JudicialResult>): JudicialResult => ({
  orderedHearingId: 'h1', label: 'Adjournment', isAdjournmentResult: false, isFinancialResult: false, isConvictedResult: false,
  isAvailableForCourtExtract: true, orderedDate: '2026-11-20', category: 'FINAL', ...over,
});

function hearingWith(results: JudicialResult[], bail?: string): { hearing: Hearing; c: ProsecutionCase; d: Defendant } {
  const d: Defendant = {
    id: 'd1', prosecutionCaseId: 'c1',
    offences: [{ id: 'o1', offenceCode: 'TH68001', startDate: '2026-01-01', judicialResults: results }],
    personDefendant: { personDetails: { lastName: 'Example', gender: 'MALE' }, ...(bail ? { bailStatus: { code: bail } } : {}) },
  };
  const c: ProsecutionCase = { id: 'c1', initiationCode: 'C', prosecutionCaseIdentifier: { prosecutionAuthorityId: 'p', prosecutionAuthorityCode: 'CITYPF' }, defendants: [d] };
  return { hearing: { id: 'h1', jurisdictionType: 'MAGISTRATES', courtCentre: { id: 'cc' }, type: {}, prosecutionCases: [c] }, c, d };
}

describe('decidePrison on synthetic cases', () => {
  it('a custodial sentence by CJS code (1002 imprisonment) is required', () => {
    const { hearing, c, d } = hearingWith([result({ label: 'Imprisonment', cjsCode: '1002' })]);
    expect(decidePrison(hearing, c, d)).toEqual({ decision: 'required', reasons: [{ code: 'PRISON.CUSTODY_CJS_CODE', path: '$.hearing.prosecutionCases[0].defendants[0].offences[0].judicialResults[0].cjsCode', evidence: '1002 Imprisonment' }] });
  });

  it('a suspended sentence order is not custody', () => {
    const { hearing, c, d } = hearingWith([result({ label: 'Suspended sentence order - imprisonment', resultText: 'SUSPS - Suspended sentence order - imprisonment', cjsCode: '1115' })]);
    expect(decidePrison(hearing, c, d).decision).toBe('none');
  });

  it('custody wording without a known result is possible, never nothing', () => {
    const { hearing, c, d } = hearingWith([result({ label: 'Remanded in custody until next hearing' })]);
    const decision = decidePrison(hearing, c, d);
    expect(decision.decision).toBe('possible');
    expect(decision.reasons.map((r) => r.code)).toEqual(['PRISON.NO_STRUCTURED_SIGNAL', 'PRISON.TEXT']);
  });

  it('a defendant in custody who is bailed is a possible release', () => {
    const { hearing, c, d } = hearingWith([result({ label: 'Remanded on conditional bail', cjsCode: '4027', postHearingCustodyStatus: 'B' })], 'C');
    expect(decidePrison(hearing, c, d).reasons[0]!.code).toBe('PRISON.RELEASE');
  });

  it('an organisation is never sent to prison', () => {
    const { hearing, c, d } = hearingWith([result({ cjsCode: '1002' })]);
    const org: Defendant = { id: d.id, prosecutionCaseId: d.prosecutionCaseId, offences: d.offences, legalEntityDefendant: { organisation: { name: 'Acme Ltd' } } };
    expect(decidePrison(hearing, { ...c, defendants: [org] }, org).decision).toBe('none');
  });
});
