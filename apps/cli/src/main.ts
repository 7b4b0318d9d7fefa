import { Command } from 'commander';
import { mapCommand } from './commands/map.command.js';
import { startCommand } from './commands/start.command.js';
import { registerContractCommands } from './commands/contract/index.js';
import { registerQuarantineCommands } from './commands/quarantine.command.js';
import { registerOperationsCommands } from './commands/operations.command.js';

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
  .option('--enrich <file...>', 'data the contract needs beyond the hearing, as [kind=]FILE (default kind prosecution-case-file)')
  .action(async (contract: string, file: string, o: { enrich?: string[] }) => {
    process.exitCode = await mapCommand(contract, file, o.enrich ?? []);
  });

program
  .command('parity')
  .description('run every real input → expected pair the contracts list and compare as the real suites compare')
  .option('--pairs <dir>', 'folder laid out like ../shared/fixtures (default: the fixtures root)')
  .option('--json', 'machine-readable report')
  .action(async (o: { pairs?: string; json?: boolean }) => {
    // Loaded on use: the other commands start without the comparison code.
    const { parityCommand } = await import('./commands/parity.command.js');
    process.exitCode = await parityCommand(o);
  });

registerContractCommands(program);
registerQuarantineCommands(program);
registerOperationsCommands(program);

await program.parseAsync(process.argv);
