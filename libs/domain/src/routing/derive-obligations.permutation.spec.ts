import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HearingResulted } from '../model/index.js';
import { deriveObligations } from './derive-obligations.js';

/**
 * Per defendant, for every partner (issue 27): the obligations routing derives for a defendant —
 * which partners, review or not, routing key, urgency, the evidence found — come from that
 * defendant alone, so permuting the defendants of each case and each defendant's offences never
 * changes them. Inputs: the demo's sample hearings and the contracts' own hearing-shaped fixtures.
 */
const root = process.cwd();
const inputs: [string, HearingResulted][] = [
  ...readdirSync(join(root, 'test/samples')).filter((f) => f.endsWith('.json')).map((f) => [`sample ${f}`, join(root, 'test/samples', f)] as const),
  ...readdirSync(join(root, 'contracts/electronic-monitoring/v1/fixtures')).filter((d) => /^\d{3}-/.test(d)).map((d) => [`em ${d}`, join(root, 'contracts/electronic-monitoring/v1/fixtures', d, 'input.json')] as const),
].map(([name, file]) => [name, JSON.parse(readFileSync(file, 'utf8')) as HearingResulted]);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}
const shuffle = <T>(xs: readonly T[], r: () => number): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

function byDefendant(event: HearingResulted): Map<string, unknown> {
  const { obligations, exclusions } = deriveObligations({ event, receivedAt: new Date('2026-01-01T00:00:00Z') });
  const out = new Map<string, unknown>();
  for (const o of obligations) {
    out.set(`${o.partner}|${o.caseId}|${o.defendantId}`, { review: o.needsReview, reason: o.reviewReason, key: o.routingKey, criticality: o.criticality, deadline: o.deadlineAt.toISOString(), evidence: o.evidence.map((e) => `${e.code}:${e.detail}`).sort() });
  }
  for (const x of exclusions) out.set(`excluded ${x.partner}|${x.caseId}|${x.defendantId}`, x.reason);
  return out;
}

describe('deriveObligations: a defendant’s obligations are their own (permutation property, every partner)', () => {
  it('has hearings with more than one defendant among the inputs', () => {
    expect(inputs.some(([, e]) => (e.hearing.prosecutionCases ?? []).some((c) => c.defendants.length > 1))).toBe(true);
  });

  describe.each(inputs)('%s', (_name, event) => {
    it('20 permutations of defendants and offences leave every obligation and exclusion unchanged', () => {
      const original = byDefendant(event);
      const r = rng(27);
      for (let i = 0; i < 20; i++) {
        const permuted = structuredClone(event) as { hearing: { prosecutionCases?: { defendants: { offences: unknown[] }[] }[] } };
        for (const c of permuted.hearing.prosecutionCases ?? []) c.defendants = shuffle(c.defendants, r).map((d) => ({ ...d, offences: shuffle(d.offences, r) }));
        expect(byDefendant(permuted as unknown as HearingResulted)).toEqual(original);
      }
    });
  });
});
