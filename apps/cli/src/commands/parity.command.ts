import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contractsRoot, fixturesRoot } from '../../../../libs/contracts-kit/src/paths.js';
import type { ContractParity } from '../../../../libs/contracts-kit/src/parity/parity-runner.js';
import { runParity } from '../../../../libs/contracts-kit/src/parity/parity-runner.js';

export interface ParityOptions {
  readonly pairs?: string;
  readonly json?: boolean;
}

const short = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '(absent)' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

/** The text report: per contract, pairs and equal (held-out third and the rest), then each failure's first difference. */
export function formatParity(results: readonly ContractParity[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.contract}: ${r.equal}/${r.pairs} equal (held-out ${r.heldOut.equal}/${r.heldOut.pairs}, rest ${r.rest.equal}/${r.rest.pairs})`);
    for (const o of r.outcomes.filter((x) => !x.equal)) {
      const d = o.differences[0]!;
      lines.push(`  ✗ ${o.name}${o.heldOut ? ' [held-out]' : ''}: ${o.differences.length} difference(s); first at ${d.path}`);
      lines.push(`      expected: ${short(d.expected)}`);
      lines.push(`      actual:   ${short(d.actual)}`);
    }
  }
  return lines.join('\n');
}

/**
 * `cp-bridge parity [--pairs DIR] [--json]`: every real input → expected pair the contracts list
 * (under DIR, default the shared fixtures root), compared as the real suites compare. Exit 0 only
 * when every pair is equal.
 */
export async function parityCommand(o: ParityOptions): Promise<number> {
  const root = resolve(o.pairs ?? fixturesRoot());
  if (!existsSync(root)) {
    console.error(`TEST.FIXTURES_MISSING: no pairs folder at ${root} (use --pairs DIR or CP_BRIDGE_FIXTURES_ROOT)`);
    return 2;
  }
  const built = join(contractsRoot(), '..', 'dist', 'contracts');
  // The built contracts when running from dist; held-out lists always come from the source tree.
  const fromDist = import.meta.url.includes('/dist/') && existsSync(built);
  const results = await runParity(fromDist ? built : contractsRoot(), root, (dir) => (fromDist ? dir.replace(built, contractsRoot()) : dir));
  if (o.json) process.stdout.write(JSON.stringify({ root, contracts: results }, null, 2) + '\n');
  else process.stdout.write(formatParity(results) + '\n');
  return results.every((r) => r.equal === r.pairs) ? 0 : 1;
}

export function registerParityCommand(program: Command): void {
  program
    .command('parity')
    .description('run every real input → expected pair the contracts list and compare as the real suites compare')
    .option('--pairs <dir>', 'folder laid out like ../shared/fixtures (default: the fixtures root)')
    .option('--json', 'machine-readable report')
    .action(async (o: { pairs?: string; json?: boolean }) => {
      process.exitCode = await parityCommand(o);
    });
}
