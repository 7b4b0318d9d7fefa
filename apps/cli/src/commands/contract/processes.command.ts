import type { Command } from 'commander';
import { buildCatalogue, formatCatalogue } from '../../../../../libs/contracts-kit/src/catalogue/process-catalogue.js';

export function registerProcessesCommand(program: Command): void {
  program
    .command('processes')
    .description('the transitional-process catalogue: every rule of every registered contract version, from code, with the fixtures measured to exercise it; untested rules flagged')
    .option('--json', 'print as JSON')
    .option('--markdown', 'print as a Markdown table')
    .option('--strict', 'exit 1 when any rule is untested')
    .action(async (o: { json?: boolean; markdown?: boolean; strict?: boolean }) => {
      const c = await buildCatalogue();
      console.log(o.json ? JSON.stringify(c, null, 2) : formatCatalogue(c, o.markdown ? 'markdown' : 'text'));
      const untested = c.entries.some((e) => e.fixtures.length === 0);
      process.exitCode = c.problems.length > 0 || (o.strict && untested) ? 1 : 0;
    });
}
