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
type MapFile = (json: unknown, ctx: { notificationId: string; messageId: string; now: string; enrichment?: Record<string, unknown> }) => MapFileResult;

/**
 * `--enrich [kind=]FILE`: what the worker would resolve through its enrichment port, from a file
 * (default kind `prosecution-case-file`, e.g. a case file as the platform's query returns it).
 */
export function readEnrichments(specs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const m = /^([a-z][a-z0-9-]*)=(.+)$/.exec(spec);
    const [kind, file] = m ? [m[1]!, m[2]!] : ['prosecution-case-file', spec];
    out[kind] = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  }
  return out;
}

/** `cp-bridge map <contract>@<version> <file> [--enrich FILE]`: translate one input offline, print the output. */
export async function mapCommand(ref: string, file: string, enrich: readonly string[] = []): Promise<number> {
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
  let enrichment: Record<string, unknown> | undefined;
  try {
    enrichment = enrich.length ? readEnrichments(enrich) : undefined;
  } catch (e) {
    console.error(`ENRICHMENT.UNREADABLE: ${(e as Error).message}`);
    return 1;
  }
  const now = new Date().toISOString();
  const result = mod.mapFile(json, { notificationId: 'offline', messageId: `offline-${Date.now()}`, now, ...(enrichment ? { enrichment } : {}) });
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
    .option('--enrich <file...>', 'data the contract needs beyond the hearing, as [kind=]FILE (default kind prosecution-case-file)')
    .action(async (contract: string, file: string, o: { enrich?: string[] }) => {
      process.exitCode = await mapCommand(contract, file, o.enrich ?? []);
    });
}
