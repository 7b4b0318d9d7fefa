import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { partnersConfigPath } from '../../../../../libs/contracts-kit/src/partner-config.js';
import { ContractRegistry, parseContractRef } from '../../../../../libs/contracts-kit/src/registry.js';
import { callApi } from '../api-client.js';

export interface PromoteOptions {
  readonly partner: string;
  readonly ref: string;
  /** How many of the latest shadowed notifications must show no difference (default 50). */
  readonly last?: number;
  readonly force?: boolean;
  readonly actor?: string;
  /** Default partnersConfigPath() (CP_BRIDGE_PARTNERS or config/partners.json). */
  readonly configPath?: string;
}

export interface PromoteOutcome {
  readonly exitCode: 0 | 1;
  readonly lines: readonly string[];
}

interface ShadowSummary {
  examined: number;
  withDifferences: number;
  differenceCount: number;
  results: { notificationId: string; pinned: string; differenceCount: number; differences: { path: string; pinned: string | null; shadow: string | null }[] }[];
}

type RawConfig = { partners?: Record<string, Record<string, unknown>> } & Record<string, unknown>;

/**
 * Rewrite the partner's pin in the config file, keeping every other field (and ${VAR} placeholders)
 * as written: `contract` becomes the promoted version, `shadow` is removed. Written to a temp file
 * and renamed, so a running gateway never reads half a file.
 */
export function rewritePin(path: string, partner: string, ref: string): { from: string; routes: readonly unknown[] } {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawConfig;
  const p = raw.partners?.[partner];
  if (!p) throw new Error(`CLI.UNKNOWN_PARTNER: no partner "${partner}" in ${path}`);
  const from = String(p.contract);
  p.contract = ref;
  delete p.shadow;
  const tmp = `${path}.promote-${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(raw, null, 2)}\n`);
  renameSync(tmp, path);
  return { from, routes: Array.isArray(p.routes) ? (p.routes as unknown[]) : [] };
}

/**
 * `contract promote`: make a partner's shadow version its pin, only when the evidence says it is
 * safe — none of the last N shadowed notifications showed a difference — unless forced (audited
 * with the actor). Asks the running gateway for the shadow results and, after rewriting the
 * pins file, to reload (it would also pick the change up by watching the file).
 */
export async function promoteContract(o: PromoteOptions): Promise<PromoteOutcome> {
  const lines: string[] = [];
  const refuse = (msg: string): PromoteOutcome => ({ exitCode: 1, lines: [...lines, msg] });
  const last = o.last ?? 50;
  const actor = o.actor ?? process.env.USER ?? 'cli';
  try {
    parseContractRef(o.ref);
  } catch (e) {
    return refuse((e as Error).message);
  }
  const registry = await ContractRegistry.discover();
  if (!registry.has(o.ref)) return refuse(`CONTRACT.UNKNOWN_VERSION: ${o.ref} is not registered (have: ${registry.refs().join(', ')})`);
  const path = o.configPath ?? partnersConfigPath();

  const q = new URLSearchParams({ partner: o.partner, shadow: o.ref, last: String(last) });
  let shadowAnswer: { status: number; json: ShadowSummary & { code?: string; message?: string } };
  try {
    shadowAnswer = await callApi(`/v1/shadow?${q}`);
  } catch (e) {
    return refuse((e as Error).message);
  }
  const { status, json } = shadowAnswer;
  if (status !== 200) return refuse(`${json.code ?? 'CLI.FAILED'}: ${json.message ?? JSON.stringify(json)}`);

  lines.push(`${o.partner}: last ${last} shadowed with ${o.ref}: ${json.examined} examined, ${json.withDifferences} with differences (${json.differenceCount} difference(s))`);
  for (const r of json.results.filter((x) => x.differenceCount > 0).slice(0, 5)) {
    lines.push(`  ${r.notificationId} (pinned ${r.pinned}): ${r.differenceCount} difference(s)`);
    for (const d of r.differences.slice(0, 3)) lines.push(`    ${d.path}\n      pinned: ${d.pinned ?? '(absent)'}\n      shadow: ${d.shadow ?? '(absent)'}`);
  }
  const unsafe = json.examined === 0 ? 'no shadowed notifications yet' : json.withDifferences > 0 ? `${json.withDifferences} of the last ${json.examined} shadowed notification(s) differ` : undefined;
  if (unsafe && !o.force) {
    return refuse(`CONTRACT.PROMOTE_REFUSED: not promoting ${o.partner} to ${o.ref}: ${unsafe}. Set "shadow": "${o.ref}" for ${o.partner} and let traffic show no difference, or use --force --actor <name> (audited).`);
  }
  if (unsafe) lines.push(`FORCED by ${actor} despite: ${unsafe} (audited)`);

  let rewritten: { from: string; routes: readonly unknown[] };
  try {
    rewritten = rewritePin(path, o.partner, o.ref);
  } catch (e) {
    return refuse((e as Error).message);
  }
  lines.push(`${path}: ${o.partner} ${rewritten.from} → ${o.ref}; shadow removed`);
  if (rewritten.routes.length) lines.push(`  routes kept as they are (they override the default pin for their keys): ${JSON.stringify(rewritten.routes)}`);

  const promotion = { partner: o.partner, ref: o.ref, from: rewritten.from, forced: Boolean(unsafe), last, examined: json.examined, withDifferences: json.withDifferences, file: path };
  let reload: { status: number; json: { ok?: boolean; code?: string; message?: string; current?: { contract: string } } };
  try {
    reload = await callApi('/v1/pins/reload', { method: 'POST', body: { promotion }, actor });
  } catch (e) {
    return refuse(`${(e as Error).message}; the file was rewritten but the promotion is not audited: re-run when the gateway is up`);
  }
  if (reload.status !== 200) return refuse(`${reload.json.code ?? 'CLI.FAILED'}: the file was rewritten but the gateway did not take it: ${reload.json.message ?? JSON.stringify(reload.json)}`);
  lines.push(`gateway reloaded: ${o.partner} now pinned to ${reload.json.current?.contract ?? o.ref}; promotion audited as ${actor}`);
  return { exitCode: 0, lines };
}

export function registerPromoteCommand(contract: Command): void {
  contract
    .command('promote <partner> <ref>')
    .description("make a partner's shadow version (<name>@<vN>) its pin: refused while any of the last N shadowed notifications showed a difference, unless --force (audited); rewrites config/partners.json and has the running gateway reload")
    .option('--last <n>', 'how many of the latest shadowed notifications must show no difference', '50')
    .option('--force', 'promote despite differences (or no shadow evidence); recorded in the audit log with --actor')
    .option('--actor <name>', 'who is promoting (audit)', process.env.USER ?? 'cli')
    .addHelpText('after', '\nExample: cp-bridge contract promote police police-results@v2 --last 200\nNeeds the gateway (CP_BRIDGE_URL, default http://127.0.0.1:3000); the pins file is CP_BRIDGE_PARTNERS or config/partners.json.')
    .action(async (partner: string, ref: string, opts: { last: string; force?: boolean; actor: string }) => {
      const last = Number(opts.last);
      if (!Number.isInteger(last) || last < 1) {
        console.error('--last must be a positive integer');
        process.exitCode = 1;
        return;
      }
      const outcome = await promoteContract({ partner, ref, last, force: Boolean(opts.force), actor: opts.actor });
      const out = outcome.lines.join('\n');
      if (outcome.exitCode === 0) console.log(out);
      else console.error(out);
      process.exitCode = outcome.exitCode;
    });
}
