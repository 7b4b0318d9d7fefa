import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { deterministicId } from '../../../../libs/domain/src/ids/deterministic-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function samplesDir(): string {
  return join(projectRoot, 'test', 'samples');
}

/** The project's own sample hearing results (test/samples/*.json), by file name. */
export function loadSamples(dir = samplesDir()): { name: string; body: Record<string, unknown> }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, body: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown> }));
}

/**
 * A copy of a sample with every id (and the case URN) replaced consistently, so each variant is
 * a distinct hearing with distinct obligations: the load generator for start, e2e and bench.
 */
export function variant<T>(sample: T, n: number): T {
  const seen = new Map<string, string>();
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      // Type and definition ids are reference data (which result, which prompt): keep them.
      if (UUID.test(v) && !/(TypeId|DefinitionId)$/.test(key ?? '')) {
        if (!seen.has(v)) seen.set(v, deterministicId(`${v}|${n}`));
        return seen.get(v);
      }
      if (key === 'caseURN') return `${v.slice(0, 4)}${String(n % 10_000_000).padStart(7, '0')}`;
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  const copy = walk(sample) as T;
  // Sample traffic is shared "now": deadlines run from the platform's sharedTime.
  if (copy && typeof copy === 'object' && 'sharedTime' in copy) (copy as Record<string, unknown>).sharedTime = new Date().toISOString();
  return copy;
}
