import { parseCanonical, type CanonicalElement } from '../../../xml/src/canonical-xml.js';
import { loadVersion, schemaModelOf } from '../compat/contract-version.js';
import { fixtureCases, runFixture } from '../compat/fixture-runner.js';
import type { SchemaModel } from '../compat/schema-model.js';
import { ContractRegistry } from '../registry.js';

/**
 * `cp-bridge contract coverage <name>@<v>`: which elements/attributes (or JSON properties) of the
 * version's target schema at least one fixture's output produces. A path never produced is a
 * mapping nobody has seen work, so it is listed.
 */
export interface CoverageReport {
  readonly ref: string;
  readonly schema: string;
  readonly fixtures: number;
  readonly documents: number;
  readonly failedFixtures: readonly string[];
  readonly total: number;
  readonly produced: readonly string[];
  readonly neverProduced: readonly string[];
  readonly percent: number;
}

function xmlPaths(el: CanonicalElement, prefix: string, out: Set<string>): void {
  const path = `${prefix}/${el.local}`;
  out.add(path);
  for (const [name] of el.attributes) out.add(`${path}/@${name.slice(name.indexOf('}') + 1)}`);
  for (const c of el.children) if (typeof c !== 'string') xmlPaths(c, path, out);
}

function jsonPaths(v: unknown, path: string, out: Set<string>): void {
  out.add(path || '/');
  if (Array.isArray(v)) v.forEach((x) => jsonPaths(x, `${path}/*`, out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) jsonPaths(x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
}

/** Paths (schema-model form: no positions) present in a document. */
export function producedPaths(document: string): Set<string> {
  const out = new Set<string>();
  if (document.trimStart().startsWith('<')) xmlPaths(parseCanonical(document), '', out);
  else jsonPaths(JSON.parse(document), '', out);
  return out;
}

export function coverageOf(model: SchemaModel, documents: readonly string[]): Pick<CoverageReport, 'total' | 'produced' | 'neverProduced' | 'percent'> {
  const seen = new Set<string>();
  for (const d of documents) for (const p of producedPaths(d)) seen.add(p);
  const all = [...model.nodes.keys()];
  const produced = all.filter((p) => seen.has(p));
  const neverProduced = all.filter((p) => !seen.has(p));
  return { total: all.length, produced, neverProduced, percent: all.length ? Math.round((produced.length / all.length) * 1000) / 10 : 0 };
}

export async function contractCoverage(ref: string, root = ContractRegistry.defaultRoot()): Promise<CoverageReport> {
  const [name, version] = ref.split('@') as [string, string];
  const cv = await loadVersion(name, version, root);
  const model = schemaModelOf(cv);
  if (!model) return { ref, schema: '(none)', fixtures: 0, documents: 0, failedFixtures: [], total: 0, produced: [], neverProduced: [], percent: 0 };
  const documents: string[] = [];
  const failed: string[] = [];
  const cases = fixtureCases(cv);
  for (const fc of cases) {
    const run = runFixture(cv, fc);
    if (run.documents.length === 0) failed.push(`${fc.id}: ${run.problems.map((p) => p.code).join(', ') || 'no document'}`);
    documents.push(...run.documents);
  }
  return { ref, schema: model.source, fixtures: cases.length, documents: documents.length, failedFixtures: failed, ...coverageOf(model, documents) };
}
