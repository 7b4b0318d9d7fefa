import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodedError } from '../../../domain/src/errors/problem.js';
import type { OutboundAdapter } from '../adapter.js';
import { schemaRoot } from '../paths.js';
import { ContractRegistry } from '../registry.js';
import { jsonSchemaModel } from './json-schema-model.js';
import type { SchemaModel } from './schema-model.js';
import { xsdModel } from './xsd-model.js';

/** One contract version on disk: its folder, its adapter and the rest of its adapter module. */
export interface ContractVersion {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  /** `.ts` in the source tree (tests), `.js` under dist (the built CLI). */
  readonly ext: '.ts' | '.js';
  readonly adapter: OutboundAdapter;
  readonly module: Readonly<Record<string, unknown>>;
}

export const versionNumber = (v: string): number => Number(v.replace(/^v/, ''));

/** Versions of a contract found on disk, oldest first. */
export function versionsOf(name: string, root = ContractRegistry.defaultRoot()): string[] {
  const dir = join(root, name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((v) => /^v\d+$/.test(v) && ['adapter.js', 'adapter.ts'].some((f) => existsSync(join(dir, v, f))))
    .sort((a, b) => versionNumber(a) - versionNumber(b));
}

export async function loadVersion(name: string, version: string, root = ContractRegistry.defaultRoot()): Promise<ContractVersion> {
  const dir = join(root, name, version);
  const file = ['adapter.js', 'adapter.ts'].map((f) => join(dir, f)).find(existsSync);
  if (!file) throw new CodedError('CONTRACT.UNKNOWN_VERSION', `no contract version ${name}@${version} under ${root}`);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const adapter = (module.adapter ?? module.default) as OutboundAdapter | undefined;
  if (!adapter || adapter.name !== name || adapter.version !== version) {
    throw new CodedError('CONTRACT.BAD_ADAPTER', `${file} must export an adapter named ${name}@${version}`);
  }
  return { name, version, dir, ext: file.endsWith('.js') ? '.js' : '.ts', adapter, module };
}

/** The schema a version's documents are validated against (not its transport envelope). */
export interface SchemaLocation {
  readonly kind: 'xsd' | 'json';
  readonly file: string;
}

/**
 * XML contracts: the first of `schemaFiles` (the document schema; later entries are envelopes and
 * includes) under the schema root, else a `schema/*.xsd` shipped in the folder. JSON contracts:
 * the folder's `schema/*.json`.
 */
export function locateSchema(cv: ContractVersion, root = schemaRoot()): SchemaLocation | undefined {
  const first = cv.adapter.schemaFiles[0];
  if (first) {
    const file = join(root, first);
    return { kind: first.endsWith('.json') ? 'json' : 'xsd', file };
  }
  const local = join(cv.dir, 'schema');
  if (!existsSync(local)) return undefined;
  const files = readdirSync(local).sort();
  const xsd = files.find((f) => f.endsWith('.xsd'));
  const json = files.find((f) => f.endsWith('.json'));
  if (xsd) return { kind: 'xsd', file: join(local, xsd) };
  if (json) return { kind: 'json', file: join(local, json) };
  return undefined;
}

export function schemaModelOf(cv: ContractVersion, root = schemaRoot()): SchemaModel | undefined {
  const at = locateSchema(cv, root);
  if (!at) return undefined;
  if (!existsSync(at.file)) throw new CodedError('CONTRACT.SCHEMA_MISSING', `${cv.name}@${cv.version} schema ${at.file} is missing (set CP_BRIDGE_SCHEMA_ROOT)`);
  return at.kind === 'xsd' ? xsdModel(at.file) : jsonSchemaModel(at.file);
}
