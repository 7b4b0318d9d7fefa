import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Defendant, Hearing, HearingResulted, ProsecutionCase } from '../model/index.js';
import { decideLegalAid } from './legal-aid.rule.js';

const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const root = resolve(projectRoot, process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');
const laa = join(root, 'laa-cda');
const haveReal = existsSync(join(laa, 'hearing_resulted.json'));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const everyDefendant = (h: Hearing): [ProsecutionCase, Defendant][] => (h.prosecutionCases ?? []).flatMap((c) => c.defendants.map((d) => [c, d] as [ProsecutionCase, Defendant]));

describe('decideLegalAid on real laa-cda hearings', () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT)`, () => undefined);
    return;
  }
  const files = ['hearing_resulted.json', 'hearing/with_prosecution_case.json', 'hearing/with_court_application.json', 'hearing/valid.json'];

  it.each(files)('%s: a defendant with an LAA application reference is required; one without is not', (file) => {
    const { hearing } = readJson(join(laa, file)) as HearingResulted;
    for (const [c, d] of everyDefendant(hearing)) {
      const decision = decideLegalAid(hearing, c, d);
      const refs = d.offences.filter((o) => o.laaApplnReference?.applicationReference);
      if (refs.length) {
        expect(decision.decision).toBe('required');
        expect(decision.reasons.filter((r) => r.code === 'LEGAL_AID.APPLICATION_REFERENCE')).toHaveLength(refs.length);
      } else {
        expect(decision.decision).not.toBe('required');
      }
    }
  });

  it('hearing_resulted.json names the defendant legally aided (its offence reference is the one the LAA knows)', () => {
    const { hearing } = readJson(join(laa, 'hearing_resulted.json')) as HearingResulted;
    const decided = everyDefendant(hearing).map(([c, d]) => decideLegalAid(hearing, c, d));
    expect(decided.some((x) => x.decision === 'required')).toBe(true);
  });
});

function withDefendant(d: Partial<Defendant>): { hearing: Hearing; c: ProsecutionCase; d: Defendant } {
  const full: Defendant = { id: 'd1', prosecutionCaseId: 'c1', offences: [{ id: 'o1', offenceCode: 'TH68001', startDate: '2026-01-01' }], ...d };
  const c: ProsecutionCase = { id: 'c1', initiationCode: 'C', prosecutionCaseIdentifier: { prosecutionAuthorityId: 'p', prosecutionAuthorityCode: 'CITYPF' }, defendants: [full] };
  return { hearing: { id: 'h1', jurisdictionType: 'MAGISTRATES', courtCentre: { id: 'cc' }, type: {}, prosecutionCases: [c] }, c, d: full };
}

describe('decideLegalAid on synthetic cases', () => {
  it('an offence with a granted application reference is required', () => {
    const { hearing, c, d } = withDefendant({ offences: [{ id: 'o1', offenceCode: 'TH68001', startDate: '2026-01-01', laaApplnReference: { applicationReference: '6000123', statusCode: 'GR' } }] });
    expect(decideLegalAid(hearing, c, d)).toEqual({ decision: 'required', reasons: [{ code: 'LEGAL_AID.APPLICATION_REFERENCE', path: '$.hearing.prosecutionCases[0].defendants[0].offences[0].laaApplnReference', evidence: '6000123 status GR' }] });
  });

  it('a legal aid status without a reference is possible', () => {
    const { hearing, c, d } = withDefendant({ legalAidStatus: 'GRANTED' });
    expect(decideLegalAid(hearing, c, d).decision).toBe('possible');
  });

  it('no legal aid is none', () => {
    expect(decideLegalAid(withDefendant({}).hearing, withDefendant({}).c, withDefendant({}).d).decision).toBe('none');
    const { hearing, c, d } = withDefendant({ legalAidStatus: 'NO_LEGALAID' });
    expect(decideLegalAid(hearing, c, d).decision).toBe('none');
  });
});
