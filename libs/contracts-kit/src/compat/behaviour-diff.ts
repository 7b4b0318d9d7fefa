import { diffXml } from '../../../xml/src/canonical-xml.js';
import type { ContractVersion } from './contract-version.js';
import { fixtureCases, runFixture, type FixtureCase } from './fixture-runner.js';

/**
 * Layer (b) of `contract check`: both versions map every fixture of both, and each output
 * difference is reported by XPath (XML documents) or JSON pointer (JSON documents).
 */
export interface OutputDifference {
  readonly fixture: string;
  /** Which document of the fixture (a payload can yield several), 1-based. */
  readonly document: number;
  readonly path: string;
  readonly a: string | undefined;
  readonly b: string | undefined;
}

export interface BehaviourDiff {
  readonly fixtures: number;
  readonly identical: number;
  readonly differences: readonly OutputDifference[];
}

const short = (v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

/** Differences between two JSON values by JSON pointer (arrays by index). */
export function diffJson(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown }[] {
  if (a === b) return [];
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return [{ path: path || '/', a, b }];
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
  return keys.flatMap((k) => diffJson(ao[k], bo[k], `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

function diffDocuments(a: string, b: string): { path: string; a: string | undefined; b: string | undefined }[] {
  if (a.trimStart().startsWith('<')) return diffXml(a, b).map((d) => ({ path: d.xpath, a: short(d.expected), b: short(d.actual) }));
  return diffJson(JSON.parse(a), JSON.parse(b)).map((d) => ({ path: d.path, a: short(d.a), b: short(d.b) }));
}

export function behaviourDiff(a: ContractVersion, b: ContractVersion): BehaviourDiff {
  const cases = new Map<string, FixtureCase>();
  for (const fc of [...fixtureCases(a), ...fixtureCases(b)]) if (!cases.has(fc.key)) cases.set(fc.key, fc);
  const differences: OutputDifference[] = [];
  let identical = 0;
  for (const fc of cases.values()) {
    const ra = runFixture(a, fc);
    const rb = runFixture(b, fc);
    const found: OutputDifference[] = [];
    const codes = (r: typeof ra) => [...new Set(r.problems.map((p) => p.code))].sort().join(',') || undefined;
    if (codes(ra) !== codes(rb)) found.push({ fixture: fc.id, document: 0, path: '(mapping problems)', a: codes(ra), b: codes(rb) });
    const n = Math.max(ra.documents.length, rb.documents.length);
    for (let i = 0; i < n; i++) {
      const da = ra.documents[i];
      const db = rb.documents[i];
      if (da === undefined || db === undefined) {
        found.push({ fixture: fc.id, document: i + 1, path: '(document)', a: da === undefined ? undefined : 'produced', b: db === undefined ? undefined : 'produced' });
        continue;
      }
      for (const d of diffDocuments(da, db)) found.push({ fixture: fc.id, document: i + 1, ...d });
    }
    if (found.length === 0) identical++;
    differences.push(...found);
  }
  return { fixtures: cases.size, identical, differences };
}
