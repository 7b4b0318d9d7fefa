import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodedError } from '../../domain/src/errors/problem.js';
import type { OutboundAdapter } from './adapter.js';
import { contractsRoot, projectRoot } from './paths.js';

export interface ContractRef {
  readonly name: string;
  readonly version: string;
}

export function parseContractRef(ref: string): ContractRef {
  const m = /^([a-z0-9-]+)@(v\d+)$/.exec(ref.trim());
  if (!m) throw new CodedError('CONTRACT.BAD_REFERENCE', `"${ref}" is not a contract reference like police-results@v1`);
  return { name: m[1]!, version: m[2]! };
}

export const refOf = (a: { name: string; version: string }): string => `${a.name}@${a.version}`;

/**
 * Every contract version found under contracts/<name>/v<N>/adapter.(ts|js): no hand-kept list,
 * so a new version folder is registered by existing. Loaded once at start.
 */
export class ContractRegistry {
  private constructor(private readonly adapters: ReadonlyMap<string, OutboundAdapter>) {}

  static async discover(root = ContractRegistry.defaultRoot()): Promise<ContractRegistry> {
    const found = new Map<string, OutboundAdapter>();
    if (!existsSync(root)) return new ContractRegistry(found);
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      if (!existsSync(dir) || !/^[a-z0-9-]+$/.test(name)) continue;
      for (const version of readdirSync(dir).filter((v) => /^v\d+$/.test(v)).sort()) {
        const file = ['adapter.js', 'adapter.ts'].map((f) => join(dir, version, f)).find(existsSync);
        if (!file) continue;
        const mod = (await import(pathToFileURL(file).href)) as { adapter?: OutboundAdapter; default?: OutboundAdapter };
        const adapter = mod.adapter ?? mod.default;
        if (!adapter || adapter.name !== name || adapter.version !== version) {
          throw new CodedError('CONTRACT.BAD_ADAPTER', `${file} must export an adapter named ${name}@${version}`);
        }
        found.set(refOf(adapter), adapter);
      }
    }
    return new ContractRegistry(found);
  }

  /** Source tree in tests and dev, dist/contracts when running the built apps. */
  static defaultRoot(): string {
    const here = import.meta.url.endsWith('.js') ? join(projectRoot, 'dist', 'contracts') : contractsRoot();
    return existsSync(here) ? here : contractsRoot();
  }

  get(ref: string): OutboundAdapter {
    const adapter = this.adapters.get(ref);
    if (!adapter) throw new CodedError('CONTRACT.UNKNOWN_VERSION', `no contract version ${ref} is registered (have: ${this.refs().join(', ') || 'none'})`);
    return adapter;
  }

  has(ref: string): boolean {
    return this.adapters.has(ref);
  }

  refs(): string[] {
    return [...this.adapters.keys()];
  }
}
