import type { Command } from 'commander';
import { scaffoldContract } from '../../../../../libs/contracts-kit/src/scaffold/scaffold.js';

export function registerNewCommand(contract: Command): void {
  contract
    .command('new <name>')
    .description('create the next version of a contract (copied from --from, version strings renamed) or a fresh skeleton when the contract does not exist')
    .option('--from <version>', 'version to copy, e.g. v1 (default: the latest)')
    .option('--root <dir>', 'contracts root to write into (default: CP_BRIDGE_CONTRACTS_ROOT or ./contracts)')
    .addHelpText('after', '\nExamples:\n  cp-bridge contract new police-results --from v1\n  cp-bridge contract new probation-notices\nRun `npm run build` afterwards so the built CLI sees the new version.')
    .action((name: string, o: { from?: string; root?: string }) => {
      const r = scaffoldContract(name, { from: o.from, root: o.root });
      console.log(`created ${r.ref} in ${r.dir} (${r.mode === 'copy' ? `copied from ${r.from}` : 'fresh skeleton'}, ${r.files.length} files)`);
      for (const f of r.renamed) console.log(`  renamed version strings in ${f}`);
    });
}
