import { loadVersion, versionsOf, type ContractVersion } from '../compat/contract-version.js';
import { fixtureCases, runFixture } from '../compat/fixture-runner.js';
import { ContractRegistry } from '../registry.js';
import { recordProcesses } from './process-trace.js';
import { probeRules } from './rule-probe.js';

/**
 * The transitional-process catalogue, from code: every `processes` entry of every registered
 * contract version, with the fixtures whose run was measured to use it. Nothing is hand-kept.
 */
export interface CatalogueEntry {
  readonly contract: string;
  readonly version: string;
  readonly id: string;
  readonly purpose: string;
  /** false when the rule has no function the probe can watch (it can call traceProcess itself). */
  readonly measurable: boolean;
  readonly fixtures: readonly string[];
}

export interface Catalogue {
  readonly entries: readonly CatalogueEntry[];
  readonly problems: readonly string[];
}

export const PROCESS_ID = /^TP-[A-Z0-9-]+$/;

/** What makes a catalogue unusable: a rule without a TP id or purpose, or an id used twice. */
export function catalogueProblems(ref: string, processes: readonly { id?: unknown; purpose?: unknown }[] | undefined): string[] {
  if (!processes) return [`${ref} does not declare processes`];
  const out: string[] = [];
  const seen = new Set<string>();
  processes.forEach((p, i) => {
    const id = typeof p.id === 'string' ? p.id : '';
    if (!PROCESS_ID.test(id)) out.push(`${ref} rule #${i + 1} has no process id like TP-017 (got ${JSON.stringify(p.id)})`);
    if (typeof p.purpose !== 'string' || p.purpose.trim().length < 5) out.push(`${ref} ${id || `rule #${i + 1}`} has no one-line purpose`);
    if (id && seen.has(id)) out.push(`${ref} declares ${id} twice`);
    seen.add(id);
  });
  return out;
}

async function versionEntries(cv: ContractVersion): Promise<CatalogueEntry[]> {
  const measurable = await probeRules(cv);
  const used = new Map<string, string[]>();
  for (const fc of fixtureCases(cv)) {
    const { ids } = recordProcesses(() => runFixture(cv, fc));
    for (const id of ids) used.set(id, [...(used.get(id) ?? []), fc.id]);
  }
  return (cv.adapter.processes ?? []).map((p) => ({
    contract: cv.name,
    version: cv.version,
    id: p.id,
    purpose: p.purpose,
    measurable: measurable.has(p.id) || used.has(p.id),
    fixtures: used.get(p.id) ?? [],
  }));
}

export async function buildCatalogue(root = ContractRegistry.defaultRoot()): Promise<Catalogue> {
  const registry = await ContractRegistry.discover(root);
  const entries: CatalogueEntry[] = [];
  const problems: string[] = [];
  for (const ref of registry.refs()) {
    const [name, version] = ref.split('@') as [string, string];
    if (!versionsOf(name, root).includes(version)) continue;
    const cv = await loadVersion(name, version, root);
    problems.push(...catalogueProblems(ref, cv.adapter.processes));
    entries.push(...(await versionEntries(cv)));
  }
  return { entries, problems };
}

export function formatCatalogue(c: Catalogue, format: 'text' | 'markdown'): string {
  const lines: string[] = [];
  const refs = [...new Set(c.entries.map((e) => `${e.contract}@${e.version}`))];
  const tested = c.entries.filter((e) => e.fixtures.length > 0).length;
  if (format === 'markdown') lines.push('# Transitional-process catalogue', '', `${c.entries.length} rules, ${tested} exercised by at least one fixture (measured).`, '');
  for (const ref of refs) {
    const es = c.entries.filter((e) => `${e.contract}@${e.version}` === ref);
    const t = es.filter((e) => e.fixtures.length > 0).length;
    if (format === 'markdown') {
      lines.push(`## ${ref} (${t}/${es.length} fixture-tested)`, '', '| process | purpose | fixtures |', '|---|---|---|');
      for (const e of es) lines.push(`| ${e.id} | ${e.purpose.replace(/\|/g, '\\|')} | ${e.fixtures.length ? e.fixtures.join(', ') : e.measurable ? '**UNTESTED**' : '**UNTESTED** (not measurable)'} |`);
      lines.push('');
    } else {
      lines.push(`${ref}: ${es.length} rules, ${t} fixture-tested`);
      for (const e of es) {
        const flag = e.fixtures.length ? `${e.fixtures.length} fixture(s)` : e.measurable ? 'UNTESTED' : 'UNTESTED (not measurable: rule has no apply/check and does not call traceProcess)';
        lines.push(`  ${e.id.padEnd(10)} ${flag.padEnd(14)} ${e.purpose}`);
        if (e.fixtures.length) lines.push(`             ${e.fixtures.join(', ')}`);
      }
    }
  }
  if (format === 'text') lines.push('', `total: ${c.entries.length} rules, ${tested} fixture-tested, ${c.entries.length - tested} untested`);
  for (const p of c.problems) lines.push(`PROBLEM ${p}`);
  return lines.join('\n');
}
