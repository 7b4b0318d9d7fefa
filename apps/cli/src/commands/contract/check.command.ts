import type { Command } from 'commander';
import { canIDeploy } from '../../../../../libs/contracts-kit/src/compat/can-i-deploy.js';
import { checkCompatibility, formatReport } from '../../../../../libs/contracts-kit/src/compat/compatibility-check.js';
import { COMPAT_MODES, type CompatMode } from '../../../../../libs/contracts-kit/src/compat/schema-diff.js';

function modeOf(value: string): CompatMode {
  if (!(COMPAT_MODES as readonly string[]).includes(value)) throw new Error(`--mode must be one of ${COMPAT_MODES.join(', ')}`);
  return value as CompatMode;
}

/** `contract check` (exit 1 on a breaking change, so CI can gate) and `can-i-deploy`. */
export function registerCheckCommands(program: Command, contract: Command): void {
  contract
    .command('check <name> <vA> <vB>')
    .description('compatibility of two versions of a contract: schema diff (XSD or JSON schema) and behaviour diff over every fixture of both; exits 1 on a breaking change')
    .option('--mode <mode>', 'backward (new reader accepts old data) | forward (old reader accepts new data) | full (both) | transitive (backward from every version in [vA, vB))', 'backward')
    .option('--json', 'print the report as JSON')
    .option('--no-behaviour', 'schema diff only (skip running the fixtures)')
    .addHelpText('after', '\nExample: cp-bridge contract check police-results v1 v2 --mode full')
    .action(async (name: string, a: string, b: string, o: { mode: string; json?: boolean; behaviour: boolean }) => {
      const report = await checkCompatibility(name, a, b, { mode: modeOf(o.mode), behaviour: o.behaviour });
      console.log(o.json ? JSON.stringify(report, (_k, v: unknown) => (v === Infinity ? 'unbounded' : v), 2) : formatReport(report));
      process.exitCode = report.compatible ? 0 : 1;
    });

  program
    .command('can-i-deploy <ref>')
    .description('may <name>@<version> go live beside the versions partners are pinned to now (config/partners.json)? exits 1 when not')
    .option('--mode <mode>', 'compatibility mode checked against each pinned version', 'backward')
    .option('--json', 'print the answer as JSON')
    .addHelpText('after', '\nExample: cp-bridge can-i-deploy police-results@v2')
    .action(async (ref: string, o: { mode: string; json?: boolean }) => {
      const answer = await canIDeploy(ref, { mode: modeOf(o.mode) });
      if (o.json) console.log(JSON.stringify(answer, null, 2));
      else console.log([`${answer.deployable ? 'yes' : 'no'}: ${answer.ref}`, ...answer.reasons.map((r) => `  - ${r}`)].join('\n'));
      process.exitCode = answer.deployable ? 0 : 1;
    });
}
