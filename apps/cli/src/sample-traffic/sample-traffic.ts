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

/** Reference data (which result, which prompt) keeps its ids; every other UUID is varied. */
const isVariedId = (value: string, key: string | undefined): boolean => UUID.test(value) && !/(TypeId|DefinitionId)$/.test(key ?? '');
const idFor = (original: string, n: number): string => deterministicId(`${original}|${n}`);
const urnFor = (original: string, n: number): string => `${original.slice(0, 4)}${String(n % 10_000_000).padStart(7, '0')}`;

/** A copy of `sample` with each varied id and each case URN replaced by what `swap` returns for it. */
function rewrite(sample: unknown, swap: (kind: 'id' | 'urn', original: string) => string): unknown {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      if (isVariedId(v, key)) return swap('id', v);
      return key === 'caseURN' ? swap('urn', v) : v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(sample);
}

/**
 * A copy of a sample with every id (and the case URN) replaced consistently, so each variant is
 * a distinct hearing with distinct obligations: the load generator for start, e2e and bench.
 */
export function variant<T>(sample: T, n: number, now: Date = new Date()): T {
  const copy = rewrite(sample, (kind, original) => (kind === 'id' ? idFor(original, n) : urnFor(original, n))) as T;
  // Sample traffic is shared "now": deadlines run from the platform's sharedTime.
  if (copy && typeof copy === 'object' && 'sharedTime' in copy) (copy as Record<string, unknown>).sharedTime = now.toISOString();
  return copy;
}

const SLOT = /@@cpbv:([uct])(\d*)@@/;

/**
 * `JSON.stringify(variant(sample, n, now))` for many `n`, from a template made once: the sample is
 * rewritten and written once with a marker where each id, the case URN and sharedTime go, and each
 * variant is the fixed text with those filled in — the same bytes (spec), for about a tenth of the
 * CPU, so the bench's load generator takes less of the two cores it shares with what it measures.
 */
export function variantTexts(sample: Record<string, unknown>): (n: number, now?: Date) => string {
  if (JSON.stringify(sample).includes('@@cpbv:')) throw new Error('sample text holds the template marker @@cpbv:');
  const ids = new Map<string, number>();
  const urns: string[] = [];
  const marked = rewrite(sample, (kind, original) => {
    if (kind === 'urn') return `@@cpbv:c${urns.push(original) - 1}@@`;
    if (!ids.has(original)) ids.set(original, ids.size);
    return `@@cpbv:u${ids.get(original)}@@`;
  }) as Record<string, unknown>;
  if ('sharedTime' in marked) marked.sharedTime = '@@cpbv:t@@';
  // split() with a capturing pattern: text, kind, index, text, kind, index, …, text.
  const parts = JSON.stringify(marked).split(SLOT);
  const originals = [...ids.keys()];
  const inString = (s: string) => JSON.stringify(s).slice(1, -1);
  return (n, now = new Date()) => {
    const fresh = originals.map((v) => idFor(v, n));
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 3) {
      const kind = parts[i];
      const index = Number(parts[i + 1]);
      const value = kind === 'u' ? fresh[index]! : kind === 'c' ? urnFor(urns[index]!, n) : now.toISOString();
      out += inString(value) + parts[i + 2]!;
    }
    return out;
  };
}
