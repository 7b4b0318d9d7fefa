import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageContext } from '../../../libs/contracts-kit/src/adapter.js';
import { fixturesRoot } from '../../../libs/contracts-kit/src/paths.js';
import { adapter, mapFile, type DefendantMapping } from './adapter.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const ctxFor = (messageId: string): MessageContext => ({ notificationId: messageId, messageId, now: '2026-01-01T00:00:00.000Z' });

interface RealPair {
  readonly name: string;
  readonly input: string;
  readonly why: string;
  /** Whether the payload holds at least one defendant the partner must hear about (why it is listed). */
  readonly someRequired: boolean;
}
const real = readJson(join(here, 'real-fixtures.json')) as { readonly pairs: readonly RealPair[] };
const root = fixturesRoot();
const haveReal = existsSync(root) && real.pairs.every((p) => existsSync(join(root, p.input)));

/** Each defendant as the golden files hold it: decision, reason codes, and the document or problem codes. */
function outcome(d: DefendantMapping): Record<string, unknown> {
  const result = d.result;
  return {
    defendantId: d.defendantId,
    decision: d.decision,
    reasons: d.reasons.map((r) => r.code),
    ...(result?.ok ? { document: JSON.parse(adapter.serialize(result.wire, ctxFor("m"))) as unknown } : result ? { problems: result.problems.map((p) => p.code) } : {}),
  };
}

function checkRendered(d: DefendantMapping, messageId: string): void {
  if (!d.result?.ok) return;
  const document = adapter.serialize(d.result.wire, ctxFor("m"));
  expect(adapter.validate(document)).toEqual([]);
  const rendered = adapter.envelope(document, ctxFor(messageId));
  expect(rendered).toMatchObject({ contentType: 'application/json', action: '/custody-events', payload: document });
}

describe(`${adapter.name}@${adapter.version} golden: team fixtures`, () => {
  const dir = join(here, 'fixtures');
  const cases = readdirSync(dir).filter((d) => /^\d{3}-/.test(d)).sort();
  it('has team fixtures', () => expect(cases.length).toBeGreaterThan(0));

  if (cases.length) describe.each(cases)('%s', (name) => {
    it('maps every defendant as expected, and each document meets the schema', () => {
      const meta = readJson(join(dir, name, 'meta.json')) as { messageId: string };
      const out = mapFile(readJson(join(dir, name, 'input.json')), ctxFor(meta.messageId));
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      expect(out.defendants.map(outcome)).toEqual(readJson(join(dir, name, 'expected.json')));
      for (const d of out.defendants) checkRendered(d, meta.messageId);
    });
  });
});

describe(`${adapter.name}@${adapter.version} golden: real CP payloads (used in place)`, () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT); ${real.pairs.length} real payloads not run`, () => undefined);
    return;
  }
  describe.each(real.pairs.map((p) => [p.name, p] as const))('%s', (_name, pair) => {
    it('maps every required defendant to a valid document; possible ones go to review, none are dropped', () => {
      const out = mapFile(readJson(join(root, pair.input)), ctxFor(`msg-${pair.name}`));
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      for (const d of out.defendants) {
        if (d.decision === 'required') {
          if (!d.result?.ok) throw new Error(JSON.stringify(d.result));
          checkRendered(d, `msg-${pair.name}`);
        } else if (d.decision === 'possible') {
          expect(d.result?.ok).toBe(false);
          expect(!d.result?.ok && d.result?.problems.map((p) => p.code)).toEqual([expect.stringMatching(/\.NEEDS_REVIEW$/)]);
        }
      }
      expect(out.defendants.some((d) => d.decision === 'required')).toBe(pair.someRequired);
    });
  });
});
