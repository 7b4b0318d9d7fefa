import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageContext } from '../../../libs/contracts-kit/src/adapter.js';
import { fixturesRoot } from '../../../libs/contracts-kit/src/paths.js';
import { adapter, mapFile, withMessageId, type DefendantMapping } from './adapter.js';
import type { EmOrderNotification } from './wire.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

interface RealPair {
  readonly dir: string;
  readonly layout: 'DDV4' | 'DDV5';
  readonly offloaded?: { readonly resolvesTo: string; readonly reason: string };
}
interface RealFixtures {
  readonly files: { readonly input: string; readonly expectedDeviceWearer: string; readonly expectedOrder: string };
  readonly excludedKeys: Readonly<Record<string, string>>;
  readonly pairs: readonly RealPair[];
}

const real = readJson(join(here, 'real-fixtures.json')) as RealFixtures;
const root = fixturesRoot();
const haveReal = existsSync(root) && real.pairs.every((p) => existsSync(join(root, p.dir)));

const ctxFor = (messageId: string, settings: Record<string, string> = {}, amends?: MessageContext['amends']): MessageContext => ({
  notificationId: messageId,
  messageId,
  now: '2025-01-01T00:00:00.000Z',
  settings,
  ...(amends ? { amends } : {}),
});

/** Drop keys the real expectation cannot share with us; the list lives in real-fixtures.json with reasons. */
function without(doc: Record<string, unknown>, section: string): Record<string, unknown> {
  const drop = new Set(Object.keys(real.excludedKeys).filter((k) => k.startsWith(`${section}.`)).map((k) => k.slice(section.length + 1)));
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !drop.has(k)));
}

function checkRendered(wire: EmOrderNotification, messageId: string): void {
  const document = adapter.serialize(wire, ctxFor(messageId));
  expect(adapter.validate(document)).toEqual([]);
  const rendered = adapter.envelope(document, ctxFor(messageId));
  expect(rendered.contentType).toBe('application/json');
  expect(rendered.action).toBe('/orders');
  expect(JSON.parse(rendered.payload)).toEqual({ messageId, deviceWearer: wire.deviceWearer, order: wire.order });
  // The id goes in front of the serialized text; the same bytes as parsing and writing it again.
  expect(rendered.payload).toBe(JSON.stringify({ messageId, deviceWearer: wire.deviceWearer, order: wire.order }));
  const spaced = JSON.stringify(JSON.parse(document), null, 1);
  expect(JSON.parse(withMessageId(spaced, messageId))).toEqual(JSON.parse(rendered.payload));
}

describe('electronic-monitoring@v1 golden: team fixtures', () => {
  const dir = join(here, 'fixtures');
  const cases = readdirSync(dir).filter((d) => /^\d{3}-/.test(d)).sort();

  it('has team fixtures', () => expect(cases.length).toBeGreaterThan(0));

  if (cases.length) describe.each(cases)('%s', (name) => {
    // `amends`: the fixture is an amended share of an order already sent (ADR 0012), mapped as a variation.
    const meta = readJson(join(dir, name, 'meta.json')) as { messageId: string; settings?: Record<string, string>; amends?: MessageContext['amends'] };
    const expected = readJson(join(dir, name, 'expected.json')) as { defendantId: string; decision: string; deviceWearer?: unknown; order?: unknown }[];

    it('maps every defendant as expected', () => {
      const out = mapFile(readJson(join(dir, name, 'input.json')), ctxFor(meta.messageId, meta.settings, meta.amends));
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      const actual = out.defendants.map((d: DefendantMapping) => ({
        defendantId: d.defendantId,
        decision: d.decision,
        ...(d.result?.ok ? { deviceWearer: d.result.wire.deviceWearer, order: d.result.wire.order } : {}),
      }));
      expect(actual).toEqual(expected);
      for (const d of out.defendants) if (d.result?.ok) checkRendered(d.result.wire, meta.messageId);
    });
  });
});

describe('electronic-monitoring@v1 golden: real pairs (em-create-order)', () => {
  if (!haveReal) {
    it.skip(`real fixtures not found under ${root} (set CP_BRIDGE_FIXTURES_ROOT); ${real.pairs.length} real pairs not run`, () => undefined);
    return;
  }

  describe.each(real.pairs.map((p) => [p.dir.split('/').pop()!, p] as const))('%s', (_name, pair) => {
    const expectedWearer = readJson(join(root, pair.dir, real.files.expectedDeviceWearer)) as Record<string, unknown>;
    const expectedOrder = readJson(join(root, pair.dir, real.files.expectedOrder)) as Record<string, unknown>;
    const ctx = ctxFor(`msg-${pair.dir.split('/').pop()}`, { dataDictionaryVersion: pair.layout });

    const raw = readJson(join(root, pair.dir, real.files.input));
    let input = raw;
    if (pair.offloaded) {
      it('reports the offloaded (S3 pointer) payload instead of guessing', () => {
        const out = mapFile(raw, ctx);
        expect(out.ok).toBe(false);
        expect(!out.ok && out.problems.map((p) => p.code)).toEqual(['EM.PAYLOAD_OFFLOADED']);
      });
      // Stands in for the S3 fetch the caller performs (see real-fixtures.json).
      input = readJson(join(root, pair.offloaded.resolvesTo));
    }

    it('maps the monitored defendant to the expected device wearer and order', () => {
      const out = mapFile(input, ctx);
      if (!out.ok) throw new Error(JSON.stringify(out.problems));
      const mapped = out.defendants.filter((d) => d.decision === 'required');
      const named = mapped.filter((d) => d.result?.ok && d.result.wire.deviceWearer.last_name === expectedWearer.last_name && d.result.wire.deviceWearer.first_name === expectedWearer.first_name);
      expect(named).toHaveLength(1);
      const result = named[0]!.result!;
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(result.wire.deviceWearer).toEqual(expectedWearer);
      expect(without(result.wire.order as unknown as Record<string, unknown>, 'order')).toEqual(without(expectedOrder, 'order'));
      checkRendered(result.wire, ctx.messageId);
    });
  });
});
