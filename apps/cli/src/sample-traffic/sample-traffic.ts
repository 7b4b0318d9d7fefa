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
export function variant<T>(sample: T, n: number, now: Date = new Date()): T {
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
  if (copy && typeof copy === 'object' && 'sharedTime' in copy) (copy as Record<string, unknown>).sharedTime = now.toISOString();
  return copy;
}

const SLOT = /@@cpbv:([uct])(\d*)@@/;

/**
 * `JSON.stringify(variant(sample, n, now))` for many `n`, from a template made once: the sample is
 * walked and written once with a marker where each id, the case URN and sharedTime go, and each
 * variant is the fixed text with those filled in — the same bytes (spec), for about a tenth of the
 * CPU, so the bench's load generator takes less of the two cores it shares with what it measures.
 */
export function variantTexts(sample: Record<string, unknown>): (n: number, now?: Date) => string {
  if (JSON.stringify(sample).includes('@@cpbv:')) throw new Error('sample text holds the template marker @@cpbv:');
  const ids = new Map<string, number>();
  const urns: string[] = [];
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      if (UUID.test(v) && !/(TypeId|DefinitionId)$/.test(key ?? '')) {
        if (!ids.has(v)) ids.set(v, ids.size);
        return `@@cpbv:u${ids.get(v)}@@`;
      }
      if (key === 'caseURN') return `@@cpbv:c${urns.push(v) - 1}@@`;
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  const marked = walk(sample) as Record<string, unknown>;
  if ('sharedTime' in marked) marked.sharedTime = '@@cpbv:t@@';
  // split() with a capturing pattern: text, kind, index, text, kind, index, …, text.
  const parts = JSON.stringify(marked).split(SLOT);
  const originals = [...ids.keys()];
  const inString = (s: string) => JSON.stringify(s).slice(1, -1);
  return (n, now = new Date()) => {
    const fresh = originals.map((v) => deterministicId(`${v}|${n}`));
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 3) {
      const kind = parts[i];
      const index = Number(parts[i + 1]);
      const value = kind === 'u' ? fresh[index]! : kind === 'c' ? `${urns[index]!.slice(0, 4)}${String(n % 10_000_000).padStart(7, '0')}` : now.toISOString();
      out += inString(value) + parts[i + 2]!;
    }
    return out;
  };
}
