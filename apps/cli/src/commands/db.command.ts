import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_DATA_DIR } from '../../../../libs/ledger/src/database.js';
import { ensureEmbeddedServer, otherSessions, runningServer, stopEmbeddedServer } from '../../../../libs/ledger/src/embedded/embedded-server.js';

const dataDir = () => resolve(process.env.CP_BRIDGE_DATA_DIR ?? DEFAULT_DATA_DIR);

/**
 * `cp-bridge db status|stop`: the embedded default's PostgreSQL server (ADR 0013). A bridge that was
 * killed leaves it running on purpose (the next start adopts it); this shows it and stops it.
 */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description("the embedded default's PostgreSQL server (no DATABASE_URL): where it is, whether it runs; stop it");

  db.command('status')
    .description('where the cluster is and whether its server runs (pid, port, client sessions)')
    .action(async () => {
      const clusterDir = join(dataDir(), 'postgres');
      const server = runningServer(clusterDir);
      if (!server) {
        console.log(`not running (cluster ${clusterDir})`);
        return;
      }
      const { url } = await ensureEmbeddedServer({ dataDir: dataDir() });
      console.log(`running: pid ${server.pid}, 127.0.0.1:${server.port}, ${await otherSessions(url)} client session(s) (cluster ${clusterDir})`);
    });

  db.command('stop')
    .description('stop the server (fast shutdown: committed work is on disk); refused while a bridge is connected unless --force')
    .option('--force', 'stop it even while clients are connected')
    .action(async (o: { force?: boolean }) => {
      const clusterDir = join(dataDir(), 'postgres');
      if (!runningServer(clusterDir)) {
        console.log(`not running (cluster ${clusterDir})`);
        return;
      }
      const { url } = await ensureEmbeddedServer({ dataDir: dataDir() });
      const sessions = await otherSessions(url);
      if (sessions > 0 && !o.force) {
        console.error(`LEDGER.EMBEDDED_IN_USE: ${sessions} client session(s) are connected (a running bridge?); stop the bridge first, or --force`);
        process.exitCode = 1;
        return;
      }
      await stopEmbeddedServer(dataDir());
      console.log(`stopped (cluster ${clusterDir})`);
    });
}
