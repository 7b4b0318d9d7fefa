import type { Command } from 'commander';
import { registerCheckCommands } from './check.command.js';
import { registerCoverageCommand } from './coverage.command.js';
import { registerNewCommand } from './new.command.js';
import { registerProcessesCommand } from './processes.command.js';
import { registerPromoteCommand } from './promote.command.js';

/** `contract new|check|coverage|promote`, `can-i-deploy` and `processes` (issue 5). */
export function registerContractCommands(program: Command): void {
  const contract = program.command('contract').description('contract versions: scaffold, compatibility, coverage, promote');
  registerNewCommand(contract);
  registerCheckCommands(program, contract);
  registerCoverageCommand(contract);
  registerPromoteCommand(contract);
  registerProcessesCommand(program);
}
