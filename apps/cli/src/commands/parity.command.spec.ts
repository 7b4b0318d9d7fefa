import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractsRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { runParity } from '../../../../libs/contracts-kit/src/parity/parity-runner.js';
import { formatParity } from './parity.command.js';
import { readEnrichments } from './map.command.js';

/**
 * `cp-bridge parity --pairs DIR` on a folder laid out like ../shared/fixtures, built from the EM
 * contract's own two-defendant fixture (one scenario, two expected documents): it finds the
 * unlisted scenario, compares each order with its own defendant's, and names the first difference.
 */
describe('cp-bridge parity', () => {
  const fixture = join(contractsRoot(), 'electronic-monitoring', 'v1', 'fixtures', '005-two-defendants-both-monitored');
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as { deviceWearer: Record<string, unknown>; order: Record<string, unknown> }[];
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parity-'));
    const scenario = join(dir, 'em-create-order', 'cp-hearing-to-fms', 'TEAM_two_defendants');
    mkdirSync(scenario, { recursive: true });
    writeFileSync(join(scenario, 'cp_payload.json'), readFileSync(join(fixture, 'input.json')));
    expected.forEach((e, i) => {
      writeFileSync(join(scenario, `expected_fms_device_wearer_${i}.json`), JSON.stringify(e.deviceWearer));
      // The second order is made wrong on purpose: parity must say where.
      writeFileSync(join(scenario, `expected_fms_order_${i}.json`), JSON.stringify(i === 1 ? { ...e.order, order_type: 'Pre-Trial' } : e.order));
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs an unlisted multi-defendant scenario: the first order equal, the second differs at order_type', async () => {
    const results = await runParity(contractsRoot(), dir);
    const em = results.find((r) => r.contract === 'electronic-monitoring@v1')!;
    expect(em.outcomes.map((o) => [o.name, o.equal])).toEqual([
      ['TEAM_two_defendants#0', true],
      ['TEAM_two_defendants#1', false],
    ]);
    expect(em.outcomes[1]!.differences).toEqual([{ path: '$.order.order_type', expected: 'Pre-Trial', actual: 'Community' }]);
    const text = formatParity(results);
    expect(text).toContain('electronic-monitoring@v1: 1/2 equal');
    expect(text).toContain('✗ TEAM_two_defendants#1: 1 difference(s); first at $.order.order_type');
  });

  it('map --enrich reads [kind=]FILE', () => {
    const file = join(dir, 'case-file.json');
    writeFileSync(file, JSON.stringify({ caseId: 'c1', defendants: [] }));
    expect(readEnrichments([file])).toEqual({ 'prosecution-case-file': { caseId: 'c1', defendants: [] } });
    expect(readEnrichments([`other-kind=${file}`])).toEqual({ 'other-kind': { caseId: 'c1', defendants: [] } });
  });
});
