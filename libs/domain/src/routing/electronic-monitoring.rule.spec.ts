import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Defendant, Hearing, HearingResulted, JudicialResult, ProsecutionCase } from '../model/index.js';
import { detectMonitoring } from './electronic-monitoring.rule.js';

// libs/domain imports nothing outside itself, so the fixtures root is resolved here the same way
// contracts-kit does: CP_BRIDGE_FIXTURES_ROOT, default ../shared/fixtures from the project root.
const projectRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const root = resolve(projectRoot, process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');
const toFms = join(root, 'em-create-order', 'cp-hearing-to-fms');
const ignoredFile = join(root, 'em-create-order', 'cp-hearing-ignored', 'No_EM_Payload.json');
const haveReal = existsSync(toFms) && existsSync(ignoredFile);

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const everyDefendant = (h: Hearing): [ProsecutionCase, Defendant][] =>
  (h.prosecutionCases ?? []).flatMap((c) => c.defendants.map((d) => [c, d] as [ProsecutionCase, Defendant]));

describe('detectMonitoring on the real em-create-order payloads', () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT)`, () => undefined);
    return;
  }
  // The S3-pointer payload has no hearing in it; its body is CCIB_bail_curfew (covered by the contract's golden spec).
  const scenarios = readdirSync(toFms).filter((d) => !Array.isArray(readJson(join(toFms, d, 'cp_payload.json')))).sort();

  it.each(scenarios)('%s: the defendant the contractor was told about is required', (scenario) => {
    const { hearing } = readJson(join(toFms, scenario, 'cp_payload.json')) as HearingResulted;
    const wearer = readJson(join(toFms, scenario, 'expected_fms_device_wearer.json')) as { first_name: string; last_name: string };
    const named = everyDefendant(hearing).filter(([, d]) => d.personDefendant?.personDetails.lastName === wearer.last_name && d.personDefendant?.personDetails.firstName === wearer.first_name);
    expect(named).toHaveLength(1);
    const [c, d] = named[0]!;
    const detection = detectMonitoring(hearing, c, d);
    expect(detection.decision).toBe('required');
    expect(detection.reasons.length).toBeGreaterThan(0);
    expect(detection.reasons[0]!.path).toMatch(/^\$\.hearing\.prosecutionCases\[\d+]\.defendants\[\d+]/);
  });

  it('No_EM_Payload (result type ids blanked) is not required, and says why', () => {
    const { hearing } = readJson(ignoredFile) as HearingResulted;
    const [[c, d]] = everyDefendant(hearing) as [[ProsecutionCase, Defendant]];
    const detection = detectMonitoring(hearing, c, d);
    expect(detection.decision).not.toBe('required');
    // Labels and CJS 3146 still suggest monitoring: recorded for review, not dropped.
    expect(detection.decision).toBe('possible');
    expect(detection.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['EM.NO_STRUCTURED_SIGNAL', 'EM.PROMPT_LABEL', 'EM.CJS_CODE']));
  });
});

describe('detectMonitoring on synthetic cases', () => {
  const result = (over: Partial<JudicialResult>): JudicialResult => ({
    orderedHearingId: 'h1', label: 'Fine', isAdjournmentResult: false, isFinancialResult: true, isConvictedResult: true,
    isAvailableForCourtExtract: true, orderedDate: '2025-01-10', category: 'FINAL', ...over,
  });
  const subject = (results: JudicialResult[], bailConditions?: string, organisation = false): [Hearing, ProsecutionCase, Defendant] => {
    const defendant: Defendant = {
      id: 'd1', prosecutionCaseId: 'c1',
      offences: [{ id: 'o1', offenceCode: 'TH68010', startDate: '2025-01-01', judicialResults: results }],
      ...(organisation
        ? { legalEntityDefendant: { organisation: { name: 'Acme Ltd' } } }
        : { personDefendant: { personDetails: { lastName: 'Sample', gender: 'MALE' }, ...(bailConditions ? { bailConditions } : {}) } }),
    };
    const pc: ProsecutionCase = { id: 'c1', initiationCode: 'C', prosecutionCaseIdentifier: { prosecutionAuthorityId: 'a', prosecutionAuthorityCode: 'WMPF' }, defendants: [defendant] };
    const hearing: Hearing = { id: 'h1', jurisdictionType: 'MAGISTRATES', courtCentre: { id: 'cc' }, type: {}, prosecutionCases: [pc] };
    return [hearing, pc, defendant];
  };

  it('a fine alone is none', () => {
    expect(detectMonitoring(...subject([result({ cjsCode: '1015', resultText: 'FO - Fine\nFined 100.00' })]))).toEqual({ decision: 'none', reasons: [] });
  });

  it('credit for days already tagged is not evidence', () => {
    const r = result({ label: 'Sentence', resultText: 'Bail remand days to count (tagged days): 15.' });
    expect(detectMonitoring(...subject([r])).decision).toBe('none');
  });

  it('a curfew requirement by type id is required', () => {
    const d = detectMonitoring(...subject([result({ judicialResultTypeId: '06b4c31d-1b3d-4850-b64c-4cad870b3a25', label: 'Curfew with electronic monitoring' })]));
    expect(d.decision).toBe('required');
    expect(d.reasons[0]).toMatchObject({ code: 'EM.REQUIREMENT_RESULT', path: '$.hearing.prosecutionCases[0].defendants[0].offences[0].judicialResults[0].judicialResultTypeId' });
  });

  it('a bail result with the EM notification prompt is required', () => {
    const r = result({ judicialResultTypeId: '3a529001-2f43-45ba-a0a8-d3ced7e9e7ad', label: 'Remanded on conditional bail',
      judicialResultPrompts: [{ label: 'Notification of electronic monitoring order (bail)', judicialResultPromptTypeId: '86857bb0-aaa6-4a76-b226-812a9987fcb2' }] });
    expect(detectMonitoring(...subject([r])).decision).toBe('required');
  });

  it('CJS code 3105 without a known type id is possible', () => {
    const d = detectMonitoring(...subject([result({ cjsCode: '3105', label: 'Curfew requirement' })]));
    expect(d.decision).toBe('possible');
    expect(d.reasons.map((r) => r.code)).toContain('EM.CJS_CODE');
  });

  it('bail-conditions text saying "electronically monitored" is possible', () => {
    const d = detectMonitoring(...subject([result({ label: 'Remanded on conditional bail', resultText: 'Remanded on bail.' })], 'Curfew 21:00-06:00, to be electronically monitored;'));
    expect(d.decision).toBe('possible');
    expect(d.reasons.find((r) => r.code === 'EM.BAIL_CONDITIONS_TEXT')).toMatchObject({ path: '$.hearing.prosecutionCases[0].defendants[0].personDefendant.bailConditions' });
  });

  it('a "tag" mention in result text is possible', () => {
    expect(detectMonitoring(...subject([result({ label: 'Community order', resultText: 'Defendant to be tagged at home address.' })])).decision).toBe('possible');
  });

  it('a Scottish community order is ignored with its reason, even with EM words', () => {
    const d = detectMonitoring(...subject([
      result({ judicialResultTypeId: 'ae617390-b41e-46ac-bd63-68a28512676a', label: 'Community order Scotland' }),
      result({ judicialResultTypeId: '06b4c31d-1b3d-4850-b64c-4cad870b3a25', label: 'Curfew with electronic monitoring' }),
    ]));
    expect(d.decision).toBe('ignored');
    expect(d.reasons[0]!.code).toBe('EM.IGNORED_ORDER');
    expect(d.reasons[0]!.evidence).toMatch(/Scottish/);
  });

  it('an organisation cannot be tagged: ignored with the reason', () => {
    const d = detectMonitoring(...subject([result({ judicialResultTypeId: '06b4c31d-1b3d-4850-b64c-4cad870b3a25', label: 'Curfew with electronic monitoring' })], undefined, true));
    expect(d.decision).toBe('ignored');
    expect(d.reasons[0]!.code).toBe('EM.NOT_A_PERSON');
  });
});
