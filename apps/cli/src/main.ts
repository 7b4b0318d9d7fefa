import { Command } from 'commander';
import { mapCommand } from './commands/map.command.js';
import { startCommand } from './commands/start.command.js';
import { registerContractCommands } from './commands/contract/index.js';
import { registerQuarantineCommands } from './commands/quarantine.command.js';
import { registerOperationsCommands } from './commands/operations.command.js';
import { registerReviewCommands } from './commands/review.command.js';

const program = new Command('cp-bridge').description('Common Platform ⇄ partner agencies integration bridge').showHelpAfterError();

program
  .command('start')
  .description('run simulators, gateway and worker in one process on embedded defaults and post sample traffic')
  .option('--port <n>', 'gateway port', '3000')
  .option('--simulators-port <n>', 'simulators port', '4100')
  .option('--variants <n>', 'copies of each sample hearing result to post', '3')
  .option('--once', 'exit after the sample traffic is delivered')
  .action(async (o: { port: string; simulatorsPort: string; variants: string; once?: boolean }) => {
    await startCommand({ port: Number(o.port), simulatorsPort: Number(o.simulatorsPort), variants: Number(o.variants), once: Boolean(o.once) });
  });

program
  .command('map <contract> <file>')
  .description('translate one input file offline with a contract version, e.g. map police-results@v1 hearing.json')
  .action(async (contract: string, file: string) => {
    process.exitCode = await mapCommand(contract, file);
  });

registerContractCommands(program);
registerQuarantineCommands(program);
registerOperationsCommands(program);
registerReviewCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // One line a person can act on, with its stable code; the stack only when asked for.
  const err = e as { code?: string; message?: string; stack?: string };
  const coded = /^[A-Z]+\.[A-Z_]+: /.test(err.message ?? '') ? err.message : `${err.code ?? 'CLI.FAILED'}: ${err.message ?? String(e)}`;
  console.error(process.env.CP_BRIDGE_DEBUG ? err.stack : coded);
  process.exitCode = 1;
}
