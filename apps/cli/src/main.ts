import { Command } from 'commander';

type Registrar = (program: Command) => void;

/*
 * Each top-level command's module is loaded only when that command runs (all of them for help):
 * `start` pulls in the gateway, worker and simulators, `quarantine` the inbound SOAP stack, and an
 * operator running `review list` beside a bridge should not pay for either.
 */
const COMMANDS: Record<string, () => Promise<Registrar>> = {
  start: async () => (await import('./commands/start.command.js')).registerStartCommand,
  map: async () => (await import('./commands/map.command.js')).registerMapCommand,
  contract: async () => (await import('./commands/contract/index.js')).registerContractCommands,
  quarantine: async () => (await import('./commands/quarantine.command.js')).registerQuarantineCommands,
  parked: async () => (await import('./commands/operations.command.js')).registerOperationsCommands,
  review: async () => (await import('./commands/review.command.js')).registerReviewCommands,
};
// Commands registered by a module under another name.
const ALIASES: Record<string, string> = { reconcile: 'parked', 'can-i-deploy': 'contract', processes: 'contract' };

const program = new Command('cp-bridge').description('Common Platform ⇄ partner agencies integration bridge').showHelpAfterError();
const asked = process.argv[2] ?? '';
const only = COMMANDS[ALIASES[asked] ?? asked];
const registrars = only ? [only] : Object.values(COMMANDS);
for (const register of await Promise.all(registrars.map((load) => load()))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // One line a person can act on, with its stable code; the stack only when asked for.
  const err = e as { code?: string; message?: string; stack?: string };
  const coded = /^[A-Z]+\.[A-Z_]+: /.test(err.message ?? '') ? err.message : `${err.code ?? 'CLI.FAILED'}: ${err.message ?? String(e)}`;
  console.error(process.env.CP_BRIDGE_DEBUG ? err.stack : coded);
  process.exitCode = 1;
}
