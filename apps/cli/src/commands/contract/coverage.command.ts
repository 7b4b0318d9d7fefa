import type { Command } from 'commander';
import { contractCoverage } from '../../../../../libs/contracts-kit/src/coverage/schema-coverage.js';
import { parseContractRef } from '../../../../../libs/contracts-kit/src/registry.js';

export function registerCoverageCommand(contract: Command): void {
  contract
    .command('coverage <ref>')
    .description("which elements/attributes (JSON: properties) of a version's target schema at least one fixture's output produces, and which none does")
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExample: cp-bridge contract coverage police-results@v1')
    .action(async (ref: string, o: { json?: boolean }) => {
      parseContractRef(ref);
      const r = await contractCoverage(ref);
      if (o.json) {
        console.log(JSON.stringify(r, null, 2));
        return;
      }
      console.log(`${r.ref}: ${r.produced.length}/${r.total} schema paths produced (${r.percent}%) by ${r.documents} document(s) from ${r.fixtures} fixture(s)`);
      console.log(`schema: ${r.schema}`);
      for (const f of r.failedFixtures) console.log(`fixture produced no document: ${f}`);
      console.log(`never produced (${r.neverProduced.length}):`);
      for (const p of r.neverProduced) console.log(`  ${p}`);
    });
}
