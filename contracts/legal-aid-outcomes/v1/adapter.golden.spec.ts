import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageContext } from '../../../libs/contracts-kit/src/adapter.js';
import { fixturesRoot } from '../../../libs/contracts-kit/src/paths.js';
import { adapter, mapFile, type DefendantMapping } from './adapter.js';
import { validateEntity, type LaaEntity } from './schema.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const ctxFor = (messageId: string): MessageContext => ({ notificationId: messageId, messageId, now: '2026-01-01T00:00:00.000Z' });

interface Real {
  readonly pairs: readonly { readonly name: string; readonly input: string; readonly expect: 'accepted' | 'refused' }[];
  readonly entities: readonly { readonly entity: LaaEntity; readonly input: string }[];
}
const real = readJson(join(here, 'real-fixtures.json')) as Real;
const root = fixturesRoot();
const haveReal = existsSync(root) && [...real.pairs, ...real.entities].every((p) => existsSync(join(root, p.input)));

function outcome(d: DefendantMapping): Record<string, unknown> {
  const result = d.result;
  return {
    defendantId: d.defendantId,
    decision: d.decision,
    reasons: d.reasons.map((r) => r.code),
    ...(result?.ok ? { document: JSON.parse(adapter.serialize(result.wire, ctxFor("m"))) as unknown } : result ? { problems: result.problems.map((p) => p.code) } : {}),
  };
}

function checkRendered(d: DefendantMapping): void {
  if (!d.result?.ok) return;
  const document = adapter.serialize(d.result.wire, ctxFor("m"));
  expect(adapter.validate(document)).toEqual([]);
  expect(adapter.envelope(document, ctxFor('m'))).toMatchObject({ contentType: 'application/json', action: '/hearings', payload: document });
  // Only the legally aided defendant travels.
  const sent = JSON.parse(document) as { hearing: { prosecutionCases: { defendants: { id: string }[] }[] } };
  expect(sent.hearing.prosecutionCases.flatMap((c) => c.defendants.map((x) => x.id))).toEqual([d.defendantId]);
}

describe('legal-aid-outcomes@v1 golden: team fixtures', () => {
  const dir = join(here, 'fixtures');
  const cases = readdirSync(dir).filter((d) => /^\d{3}-/.test(d)).sort();
  it('has team fixtures', () => expect(cases.length).toBeGreaterThan(0));

  if (cases.length) describe.each(cases)('%s', (name) => {
    it('maps every defendant as expected', () => {
      const meta = readJson(join(dir, name, 'meta.json')) as { messageId: string };
      const out = mapFile(readJson(join(dir, name, 'input.json')), ctxFor(meta.messageId));
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      expect(out.defendants.map(outcome)).toEqual(readJson(join(dir, name, 'expected.json')));
      for (const d of out.defendants) checkRendered(d);
    });
  });
});

describe('legal-aid-outcomes@v1 golden: the LAA adaptor\'s own fixtures (laa-cda, in place)', () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT); ${real.pairs.length + real.entities.length} real files not run`, () => undefined);
    return;
  }
  describe.each(real.pairs.filter((p) => p.expect === 'accepted').map((p) => [p.name, p] as const))('accepted by the agency: %s', (_n, pair) => {
    it('meets our schema and maps each legally aided defendant to a valid message', () => {
      const out = mapFile(readJson(join(root, pair.input)), ctxFor(`msg-${pair.name}`));
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      for (const d of out.defendants) {
        if (d.decision === 'required' && !d.result?.ok) throw new Error(JSON.stringify(d.result));
        checkRendered(d);
      }
    });
  });

  describe.each(real.pairs.filter((p) => p.expect === 'refused').map((p) => [p.name, p] as const))('refused by the agency: %s', (_n, pair) => {
    it('is refused with coded problems', () => {
      const out = mapFile(readJson(join(root, pair.input)), ctxFor(`msg-${pair.name}`));
      expect(out.ok).toBe(false);
      const codes = out.ok ? [] : out.problems.map((p) => p.code);
      expect(codes[0]).toBe('LEGAL_AID.HEARING_REFUSED');
      expect(codes.slice(1).length).toBeGreaterThan(0);
      expect(codes.slice(1).every((c) => c === 'CONTRACT.SCHEMA_INVALID')).toBe(true);
    });
  });

  it('hearing/invalid.json is refused for its missing sharedTime, as the agency refuses it', () => {
    const pair = real.pairs.find((p) => p.name === 'hearing_invalid_no_shared_time')!;
    const out = mapFile(readJson(join(root, pair.input)), ctxFor('m'));
    expect(!out.ok && out.problems.some((p) => p.message.includes('sharedTime'))).toBe(true);
  });

  it.each(real.entities.map((e) => [e.input, e.entity] as const))('%s meets our %s definition', (input, entity) => {
    expect(validateEntity(entity, readJson(join(root, input)))).toEqual([]);
  });
});
