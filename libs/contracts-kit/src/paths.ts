import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where things live on disk. Real partner data (schemas, WSDLs, golden pairs) is used in place
 * from a configurable root and never copied into the project (ARCHITECTURE.md, Real data).
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    if (existsSync(resolve(dir, 'nest-cli.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export const projectRoot = findProjectRoot();

/** Root of the shared real fixtures: CP_BRIDGE_FIXTURES_ROOT, default ../shared/fixtures. */
export function fixturesRoot(): string {
  return resolve(projectRoot, process.env.CP_BRIDGE_FIXTURES_ROOT ?? '../shared/fixtures');
}

/** Root the partners' real schema files are loaded from at run time: CP_BRIDGE_SCHEMA_ROOT, default the fixtures root. */
export function schemaRoot(): string {
  return resolve(projectRoot, process.env.CP_BRIDGE_SCHEMA_ROOT ?? fixturesRoot());
}

export function contractsRoot(): string {
  return resolve(projectRoot, 'contracts');
}
