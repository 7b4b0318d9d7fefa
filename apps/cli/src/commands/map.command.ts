import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parseContractRef } from '../../../../libs/contracts-kit/src/registry.js';
import { contractsRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What a contract's offline `mapFile` answers: XML contracts list the produced documents; JSON
 * contracts list every defendant with the routing decision and, where required, the message.
 */
type MapFileResult =
  | { ok: true; documents?: { document: string }[]; defendants?: unknown[] }
  | { ok: false; problems: { code: string; path: string; message: string }[] };
type MapFile = (json: unknown, ctx: { notificationId: string; messageId: string; now: string }) => MapFileResult;

/** `cp-bridge map <contract>@<version> <file>`: translate one input offline, print the output. */
export async function mapCommand(ref: string, file: string): Promise<number> {
  const { name, version } = parseContractRef(ref);
  const dir = [join(contractsRoot(), '..', 'dist', 'contracts', name, version), join(contractsRoot(), name, version)].find((d) => existsSync(join(d, 'adapter.js')) || existsSync(join(d, 'adapter.ts')));
  if (!dir) {
    console.error(`CONTRACT.UNKNOWN_VERSION: no contract ${ref}`);
    return 2;
  }
  const mod = (await import(pathToFileURL(join(dir, existsSync(join(dir, 'adapter.js')) ? 'adapter.js' : 'adapter.ts')).href)) as { mapFile?: MapFile };
  if (!mod.mapFile) {
    console.error(`CONTRACT.NO_OFFLINE_MAPPING: ${ref} does not export mapFile`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`PAYLOAD.NOT_JSON: ${file}: ${(e as Error).message}`);
    return 1;
  }
  const now = new Date().toISOString();
  const result = mod.mapFile(json, { notificationId: 'offline', messageId: `offline-${Date.now()}`, now });
  if (!result.ok) {
    for (const p of result.problems) console.error(`${p.code} at ${p.path}: ${p.message}`);
    return 1;
  }
  const out = result.documents ? result.documents.map((d) => d.document).join('\n') : JSON.stringify(result.defendants ?? [], null, 2);
  process.stdout.write(out + '\n');
  return 0;
}

export function registerMapCommand(program: Command): void {
  program
    .command('map <contract> <file>')
    .description('translate one input file offline with a contract version, e.g. map police-results@v1 hearing.json')
    .action(async (contract: string, file: string) => {
      process.exitCode = await mapCommand(contract, file);
    });
}
