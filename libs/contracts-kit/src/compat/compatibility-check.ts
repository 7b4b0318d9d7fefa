import { CodedError } from '../../../domain/src/errors/problem.js';
import { ContractRegistry } from '../registry.js';
import { behaviourDiff, type BehaviourDiff } from './behaviour-diff.js';
import { loadVersion, schemaModelOf, versionNumber, versionsOf } from './contract-version.js';
import { breaks, diffSchemas, type CompatMode, type SchemaChange } from './schema-diff.js';

/** The answer to `cp-bridge contract check <name> <vA> <vB>`. */
export interface PairReport {
  readonly from: string;
  readonly to: string;
  readonly schema: 'xsd' | 'json' | 'none';
  readonly changes: readonly (SchemaChange & { readonly breaking: boolean })[];
}

export interface CompatibilityReport {
  readonly contract: string;
  readonly a: string;
  readonly b: string;
  readonly mode: CompatMode;
  readonly compatible: boolean;
  /** One pair, or (transitive) every earlier version against the newer one. */
  readonly pairs: readonly PairReport[];
  readonly behaviour?: BehaviourDiff;
}

export interface CheckOptions {
  readonly mode?: CompatMode;
  readonly behaviour?: boolean;
  readonly root?: string;
}

async function pair(name: string, from: string, to: string, mode: CompatMode, root: string): Promise<PairReport> {
  const [a, b] = await Promise.all([loadVersion(name, from, root), loadVersion(name, to, root)]);
  const ma = schemaModelOf(a);
  const mb = schemaModelOf(b);
  if (!ma || !mb) return { from, to, schema: 'none', changes: [] };
  const m: CompatMode = mode === 'transitive' ? 'backward' : mode;
  return { from, to, schema: ma.kind, changes: diffSchemas(ma, mb).map((c) => ({ ...c, breaking: breaks(c, m) })) };
}

/**
 * Schema layer decides compatibility (a changed output is expected between versions, so the
 * behaviour layer is reported, not judged). transitive = backward from every version in
 * [vA, vB) to vB, like a schema registry's BACKWARD_TRANSITIVE.
 */
export async function checkCompatibility(name: string, a: string, b: string, options: CheckOptions = {}): Promise<CompatibilityReport> {
  const mode = options.mode ?? 'backward';
  const root = options.root ?? ContractRegistry.defaultRoot();
  const all = versionsOf(name, root);
  for (const v of [a, b]) if (!all.includes(v)) throw new CodedError('CONTRACT.UNKNOWN_VERSION', `${name}@${v} does not exist (have: ${all.join(', ') || 'none'})`);
  const [older, newer] = versionNumber(a) <= versionNumber(b) ? [a, b] : [b, a];
  const froms = mode === 'transitive' ? all.filter((v) => versionNumber(v) >= versionNumber(older) && versionNumber(v) < versionNumber(newer)) : [older];
  const pairs: PairReport[] = [];
  for (const from of froms.length ? froms : [older]) pairs.push(await pair(name, from, newer, mode, root));
  const behaviour = options.behaviour === false ? undefined : behaviourDiff(await loadVersion(name, a, root), await loadVersion(name, b, root));
  const compatible = pairs.every((p) => p.changes.every((c) => !c.breaking));
  return { contract: name, a, b, mode, compatible, pairs, ...(behaviour ? { behaviour } : {}) };
}

export function formatReport(r: CompatibilityReport): string {
  const lines = [`${r.contract} ${r.a} → ${r.b} (mode ${r.mode}): ${r.compatible ? 'COMPATIBLE' : 'BREAKING'}`];
  for (const p of r.pairs) {
    lines.push('', `schema diff ${p.from} → ${p.to} (${p.schema}): ${p.changes.length === 0 ? 'no changes' : `${p.changes.length} change(s), ${p.changes.filter((c) => c.breaking).length} breaking`}`);
    for (const c of p.changes) {
      const dir = [c.narrows ? 'breaks backward' : '', c.widens ? 'breaks forward' : ''].filter(Boolean).join(', ') || 'compatible';
      lines.push(`  ${c.breaking ? 'BREAKING' : 'ok      '} ${c.kind.padEnd(19)} ${c.path}  ${c.detail} [${dir}]`);
    }
  }
  if (r.behaviour) {
    const b = r.behaviour;
    lines.push('', `behaviour diff over ${b.fixtures} fixture(s): ${b.identical} identical, ${b.fixtures - b.identical} differ (${b.differences.length} difference(s))`);
    for (const d of b.differences) lines.push(`  ${d.fixture}${d.document > 1 ? ` #${d.document}` : ''} ${d.path}\n     ${r.a}: ${d.a ?? '(absent)'}\n     ${r.b}: ${d.b ?? '(absent)'}`);
  }
  return lines.join('\n');
}
