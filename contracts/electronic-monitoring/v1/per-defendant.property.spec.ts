import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturesRoot } from '../../../libs/contracts-kit/src/paths.js';
import type { HearingResulted } from '../../../libs/domain/src/model/index.js';
import { deriveObligations } from '../../../libs/domain/src/routing/derive-obligations.js';
import { mapFile } from './adapter.js';
import { realFixtures } from './parity.js';

/**
 * Property (issue 27): each defendant's EM notification comes from that defendant's own results
 * and identity. Permuting the defendants of each case, and each defendant's offences, never
 * changes what any defendant's notification says, nor which defendants are obliged. Inputs: the
 * team's fixtures and every real em-create-order payload (read in place); 25 seeded permutations each.
 */
const here = dirname(fileURLToPath(import.meta.url));
const readJson = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));
const ctx = { notificationId: 'p', messageId: 'perm', now: '2025-01-01T00:00:00.000Z', settings: { dataDictionaryVersion: 'DDV5' } };

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(list: readonly T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Json = { hearing: { prosecutionCases?: { defendants: { offences: unknown[] }[] }[] } };
function permuted(input: Json, rnd: () => number): Json {
  const copy = structuredClone(input);
  for (const c of copy.hearing.prosecutionCases ?? []) {
    c.defendants = shuffle(c.defendants, rnd).map((d) => ({ ...d, offences: shuffle(d.offences, rnd) }));
  }
  return copy;
}

/** defendantId → what that defendant's notification says (or why there is none). */
function byDefendant(input: unknown): Map<string, unknown> {
  const out = mapFile(input, ctx);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return new Map(out.defendants.map((d) => [d.defendantId, { decision: d.decision, result: d.result?.ok ? d.result.wire : d.result?.problems.map((p) => p.code) }]));
}

/** The EM obligations routing derives, per defendant (paths aside: they name positions). */
function obligated(input: unknown): Map<string, unknown> {
  const { obligations } = deriveObligations({ event: input as HearingResulted, receivedAt: new Date('2025-01-01T00:00:00Z') });
  return new Map(obligations.filter((o) => o.partner === 'electronic-monitoring').map((o) => [o.defendantId, { review: o.needsReview, evidence: o.evidence.map((e) => `${e.code}:${e.detail}`).sort() }]));
}

const team = readdirSync(join(here, 'fixtures')).filter((d) => /^\d{3}-/.test(d)).map((d) => [`team ${d}`, join(here, 'fixtures', d, 'input.json')] as const);
const root = fixturesRoot();
const real = realFixtures.pairs.filter((p) => !p.offloaded && existsSync(join(root, p.dir, realFixtures.files.input))).map((p) => [`real ${p.dir.split('/').pop()}`, join(root, p.dir, realFixtures.files.input)] as const);

describe('electronic-monitoring@v1: a defendant’s notification is their own (permutation property)', () => {
  it('has a hearing with two monitored defendants among the inputs', () => {
    const two = team.map(([, f]) => byDefendant(readJson(f))).filter((m) => [...m.values()].filter((v) => (v as { decision: string }).decision === 'required').length >= 2);
    expect(two.length).toBeGreaterThan(0);
  });

  describe.each([...team, ...real])('%s', (_name, file) => {
    const input = readJson(file) as Json;
    const original = byDefendant(input);
    const originalObligations = obligated(input);

    it('25 permutations of defendants and offences: every defendant’s document and obligation unchanged', () => {
      const rnd = mulberry32(27);
      for (let i = 0; i < 25; i++) {
        const p = permuted(input, rnd);
        expect(byDefendant(p)).toEqual(original);
        expect(obligated(p)).toEqual(originalObligations);
      }
    });
  });

  it('two monitored defendants → two orders, each with its own identity and conditions', () => {
    const out = mapFile(readJson(join(here, 'fixtures', '005-two-defendants-both-monitored', 'input.json')), ctx);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    const orders = out.defendants.flatMap((d) => (d.result?.ok ? [d.result.wire] : []));
    expect(orders.map((w) => `${w.deviceWearer.first_name} ${w.deviceWearer.last_name}`)).toEqual(['Alex Example', 'Bo Second']);
    expect(orders.map((w) => w.order.device_wearer)).toEqual(['Alex Example', 'Bo Second']);
    expect(orders.map((w) => w.order.order_type)).toEqual(['Pre-Trial', 'Community']);
    expect(new Set(orders.map((w) => w.order.order_id)).size).toBe(2);
  });
});
