// Chaos suite, default stack (issue 22): the one-process `cp-bridge start --variants 0` on embedded
// defaults — no DATABASE_URL, no REDIS_URL, a fresh CP_BRIDGE_DATA_DIR — so the ledger is the
// embedded PostgreSQL server the bridge starts (its own daemon) and the queues run on BullMQ's
// PostgreSQL backend in it. The chaos simulators are pointed at by env (env wins over the bridge's
// built-in simulators). The suite reads the ledger as a client of that server, as the CLI does.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startSimulators, writePartnerPolicy } from './stack.mjs';
import { freePort, Proc, root, say, sleep } from './support.mjs';

const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);

/** The statuses that are still owed work (the backlog); everything else is final. */
export const OWED = ['pending', 'in-flight', 'retrying', 'held'];

export async function startDefaultStack({ workspace: { tmp, logDir }, notifications, started }) {
  const [port, builtInSimsPort] = await Promise.all([freePort(), freePort()]);
  for (const shared of [5432, 6379]) if ([port, builtInSimsPort].includes(shared)) throw new Error('refusing a shared service port');
  say(`temp dir ${tmp}`);
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const { runningServer, stopEmbeddedServer } = await dist('libs/ledger/src/embedded/embedded-server.js');
  started.stopEmbedded = () => stopEmbeddedServer(dataDir).catch((e) => say(`stopping the embedded server: ${e.message}`));

  const { simInfo, setFault } = await startSimulators({ logDir, notifications, started });
  const env = {
    DATABASE_URL: undefined, // spawn drops undefined: the embedded default, whatever this shell has
    REDIS_URL: undefined,
    CP_BRIDGE_DB_SCHEMA: undefined,
    CP_BRIDGE_DATA_DIR: dataDir,
    CP_BRIDGE_QUEUE_PREFIX: 'chaos',
    CP_BRIDGE_PARTNERS: writePartnerPolicy(tmp),
    ...simInfo.partnerEnv,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  const argv = ['dist/apps/cli/src/main.js', 'start', '--variants', '0', '--port', String(port), '--simulators-port', String(builtInSimsPort)];
  const bridge = new Proc(logDir, 'bridge', process.execPath, argv, env);
  started.procs.push(bridge);
  const gw = `http://127.0.0.1:${port}`;
  const answers = (path) => fetch(`${gw}${path}`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
  /** Until the bridge answers `path` (/health: the process is up; /ready: and its ledger answers). */
  const waitFor = async (path, seconds = 180) => {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      if (await answers(path)) return Date.now();
      await sleep(100);
    }
    throw new Error(`bridge did not answer ${path} within ${seconds} s; see ${logDir}/bridge.log`);
  };
  bridge.start();
  const t0 = Date.now();
  await waitFor('/ready');
  say(`bridge (cp-bridge start, embedded defaults) ready on ${gw} after ${((Date.now() - t0) / 1000).toFixed(1)} s; data dir ${dataDir}`);

  /** The ledger as a client: port from postmaster.pid, password from the cluster's cp-bridge.json. */
  const ledgerUrl = () => {
    const server = runningServer(clusterDir);
    if (!server) return undefined;
    const { password } = JSON.parse(readFileSync(join(clusterDir, 'cp-bridge.json'), 'utf8'));
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${server.port}/cp_bridge`;
  };
  let pool;
  let poolUrl;
  const q = async (text, params) => {
    for (let i = 0; ; i++) {
      try {
        const url = ledgerUrl();
        if (!url) throw new Error('embedded PostgreSQL not running');
        if (url !== poolUrl) {
          pool?.end().catch(() => undefined);
          pool = new pg.Pool({ connectionString: url, max: 2 });
          pool.on('error', () => undefined);
          poolUrl = url;
        }
        return (await pool.query(text, params)).rows;
      } catch (e) {
        if (i > 120) throw e;
        await sleep(1000); // the server may be down (killed, or restarting with the bridge)
      }
    }
  };
  const owed = async (maxSequence) =>
    (await q(`select count(*)::int as n from notifications where status = any($1)${maxSequence === undefined ? '' : ' and sequence <= $2'}`, maxSequence === undefined ? [OWED] : [OWED, maxSequence]))[0].n;

  return {
    gw,
    simInfo,
    setFault,
    bridge,
    dataDir,
    clusterDir,
    q,
    owed,
    waitFor,
    answers,
    postmaster: () => runningServer(clusterDir),
    endLedger: () => pool?.end().catch(() => undefined),
  };
}
