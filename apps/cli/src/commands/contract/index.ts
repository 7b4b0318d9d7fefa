import type { Command } from 'commander';
import { registerCheckCommands } from './check.command.js';
import { registerCoverageCommand } from './coverage.command.js';
import { registerNewCommand } from './new.command.js';
import { registerProcessesCommand } from './processes.command.js';

/** `contract new|check|coverage`, `can-i-deploy` and `processes` (issue 5). */
export function registerContractCommands(program: Command): void {
  const contract = program.command('contract').description('contract versions: scaffold, compatibility, coverage');
  registerNewCommand(contract);
  registerCheckCommands(program, contract);
  registerCoverageCommand(contract);
  registerProcessesCommand(program);
}
