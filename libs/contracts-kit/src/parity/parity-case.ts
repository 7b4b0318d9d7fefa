import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareJson, compareXml, type ParityDifference } from './parity-compare.js';

/**
 * One real input → expected output pair of a contract, as the contract itself lays it out
 * (contracts/<name>/vN/parity.ts). `produce` runs our mapping on the real input; comparison is
 * the kit's, the same for the golden specs and `cp-bridge parity`.
 */
export interface ParityCase {
  readonly name: string;
  readonly format: 'xml' | 'json';
  /** What the real service produced (XML text or parsed JSON). */
  readonly expected: () => unknown;
  /** Our output, or the problems that stopped the mapping. */
  readonly produce: () => { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly problems: string };
  /** JSON paths the real suite cannot share with us (generated ids), with the reason kept in real-fixtures.json. */
  readonly ignorePaths?: readonly string[];
  /** The real suite compares typed objects whose string fields default to "" (see compareJson). */
  readonly absentEqualsEmptyString?: boolean;
}

export interface ParityOutcome {
  readonly name: string;
  readonly heldOut: boolean;
  readonly equal: boolean;
  readonly differences: readonly ParityDifference[];
  readonly problems?: string;
}

/** Compare one case the way the real suite compares its format. */
export function runParityCase(c: ParityCase, heldOut = false): ParityOutcome {
  let produced: ReturnType<ParityCase['produce']>;
  try {
    produced = c.produce();
  } catch (e) {
    produced = { ok: false, problems: (e as Error).message };
  }
  if (!produced.ok) return { name: c.name, heldOut, equal: false, differences: [{ path: '$', expected: 'a mapped document', actual: produced.problems }], problems: produced.problems };
  const expected = c.expected();
  const differences = c.format === 'xml' ? compareXml(String(expected), String(produced.output)) : compareJson(expected, produced.output, { ignore: c.ignorePaths ?? [], absentEqualsEmptyString: c.absentEqualsEmptyString === true });
  return { name: c.name, heldOut, equal: differences.length === 0, differences };
}

/**
 * The held-out third of a contract's real pairs (contracts/<name>/vN/held-out.json): fixed
 * before any rule was derived from upstream code, measured separately to see whether the rules
 * generalise. Missing file → nothing held out.
 */
export function heldOutNames(contractDir: string): ReadonlySet<string> {
  const file = join(contractDir, 'held-out.json');
  if (!existsSync(file)) return new Set();
  return new Set((JSON.parse(readFileSync(file, 'utf8')) as { pairs: string[] }).pairs);
}
