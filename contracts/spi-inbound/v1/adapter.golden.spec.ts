import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturesRoot } from '../../../libs/contracts-kit/src/paths.js';
import { CJSE_BUSINESS_ENTITIES_NS as ENT, CJSE_OPERATIONS_NS as OPS, CJSE_TYPES_NS } from '../../../libs/soap/src/cjse-response.js';
import { parseSoapEnvelope } from '../../../libs/soap/src/soap11-envelope.js';
import { childOf, childText, parseXmlTree } from '../../../libs/soap/src/xml-tree.js';
import { inboundAdapter } from './inbound.adapter.js';
import { cpTime, observedEthnicity } from './to-domain.mapper.js';

const here = fileURLToPath(new URL('.', import.meta.url));
interface Pair { name: string; input: string; expected?: string; envelope?: 'soap' }
const real = JSON.parse(readFileSync(join(here, 'real-fixtures.json'), 'utf8')) as { pairs: Pair[]; accepted: Pair[] };
const root = fixturesRoot();
const haveReal = existsSync(join(root, 'cp-spi-staging'));

/** RouteData text → (correlation id, source system, escaped inner message). */
function innerOf(pair: Pair): { content: string; correlationId: string; sourceSystem: string } {
  let routeData = readFileSync(join(root, pair.input), 'utf8');
  if (pair.envelope === 'soap') {
    const env = parseSoapEnvelope(routeData);
    if (!env.ok) throw new Error(JSON.stringify(env.problems));
    routeData = childText(env.envelope.payload, 'Message', CJSE_TYPES_NS) ?? '';
  }
  const tree = parseXmlTree(routeData);
  if (!tree.ok) throw new Error(JSON.stringify(tree.problems));
  const stream = childOf(tree.root, 'DataStream', OPS);
  return {
    content: childOf(stream, 'DataStreamContent', ENT)?.text.trim() ?? '',
    correlationId: childText(childOf(tree.root, 'RequestFromSystem', OPS), 'CorrelationID', OPS) ?? '',
    sourceSystem: childText(stream, 'System', ENT) ?? '',
  };
}

describe('spi-inbound@v1 rules', () => {
  it('TP-IN-002 normalises xs:time to HH:MM:SS.mmm', () => {
    expect(cpTime('09:00:00.0000000-00:00')).toBe('09:00:00.000');
    expect(cpTime('10:00:00+00:00')).toBe('10:00:00.000');
    expect(cpTime('09:01:01.001')).toBe('09:01:01.001');
  });
  it('TP-IN-006 sends observed ethnicity 9 as 0', () => {
    expect(observedEthnicity('9')).toBe(0);
    expect(observedEthnicity('3')).toBe(3);
    expect(observedEthnicity(undefined)).toBeUndefined();
  });
  it('declares every rule with a TP id and purpose', () => {
    for (const r of inboundAdapter.processes) expect(r.id).toMatch(/^TP-IN-\d{3}$/);
  });
});

describe('spi-inbound@v1 golden: real pairs (cp-spi-staging)', () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT); ${real.pairs.length + real.accepted.length} real cases not run`, () => undefined);
    return;
  }

  it.each(real.pairs.map((p) => [p.name, p] as const))('%s maps to the expected platform JSON', (_name, pair) => {
    const { content, correlationId, sourceSystem } = innerOf(pair);
    const v = inboundAdapter.validate(content);
    expect(v.errors).toEqual([]);
    const out = inboundAdapter.translate(content, { correlationId, sourceSystem, requestId: 'REQ-1' }, v.warnings);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const expected = JSON.parse(readFileSync(join(root, pair.expected!), 'utf8')) as { defendants: { id: string }[] };
    const actual = structuredClone(out.command.prosecutionCase) as { defendants: { id: string }[] };
    for (const d of actual.defendants) expect(d.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // defendants[].id: see real-fixtures.json excludedKeys.
    for (const d of [...actual.defendants, ...expected.defendants]) d.id = '<id>';
    expect(actual).toEqual(expected);
  });

  it.each(real.accepted.map((p) => [p.name, p] as const))('%s validates (structurally) and translates', (_name, pair) => {
    const { content, correlationId, sourceSystem } = innerOf(pair);
    const v = inboundAdapter.validate(content);
    expect(v.errors).toEqual([]);
    const out = inboundAdapter.translate(content, { correlationId, sourceSystem, requestId: 'REQ-1' }, v.warnings);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    expect(out.command.prosecutionCase).toMatchObject({ caseDetails: { ptiurn: expect.any(String) } });
  });
});
