import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { heldOutNames, runParityCase, type ParityCase, type ParityOutcome } from './parity-case.js';

export interface ContractParity {
  readonly contract: string;
  readonly pairs: number;
  readonly equal: number;
  readonly heldOut: { readonly pairs: number; readonly equal: number };
  readonly rest: { readonly pairs: number; readonly equal: number };
  readonly outcomes: readonly ParityOutcome[];
}

type ParityModule = { parityCases?: (root: string) => ParityCase[] };

/** Contract version folders that lay out their real pairs (a parity.ts or built parity.js beside the adapter). */
export function parityContracts(contractsDir: string): { contract: string; dir: string; file: string }[] {
  const out: { contract: string; dir: string; file: string }[] = [];
  if (!existsSync(contractsDir)) return out;
  for (const name of readdirSync(contractsDir).sort()) {
    const base = join(contractsDir, name);
    if (!existsSync(base)) continue;
    for (const version of readdirSync(base).filter((v) => /^v\d+$/.test(v)).sort()) {
      const dir = join(base, version);
      const file = ['parity.js', 'parity.ts'].map((f) => join(dir, f)).find((f) => existsSync(f));
      if (file) out.push({ contract: `${name}@${version}`, dir, file });
    }
  }
  return out;
}

const tally = (list: readonly ParityOutcome[]): { pairs: number; equal: number } => ({ pairs: list.length, equal: list.filter((o) => o.equal).length });

/** Run every contract's real pairs under `root` (the shared fixtures root, or any folder laid out like it). */
export async function runParity(contractsDir: string, root: string, heldOutDir: (dir: string) => string = (d) => d): Promise<ContractParity[]> {
  const results: ContractParity[] = [];
  for (const c of parityContracts(contractsDir)) {
    const mod = (await import(pathToFileURL(c.file).href)) as ParityModule;
    if (!mod.parityCases) continue;
    const heldOut = heldOutNames(heldOutDir(c.dir));
    const outcomes = mod.parityCases(root).map((pc) => runParityCase(pc, heldOut.has(pc.name)));
    results.push({
      contract: c.contract,
      ...tally(outcomes),
      heldOut: tally(outcomes.filter((o) => o.heldOut)),
      rest: tally(outcomes.filter((o) => !o.heldOut)),
      outcomes,
    });
  }
  return results;
}
