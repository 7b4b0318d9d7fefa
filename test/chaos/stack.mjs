// Chaos suite stack: an own PostgreSQL cluster (or a given server), an own Redis with AOF, the
// partner simulators with their control port, the gateway and the worker, on spare loopback ports.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, OwnPostgres, Proc, root, say, waitPort } from './support.mjs';

/**
 * Starts everything for a run of `notifications`. What has started is put in `started` (`procs`,
 * `ownPg`) as it starts, so the caller can clean up after a start that failed half way.
 */
export async function startChaosStack({ workspace: { tmp, logDir }, pgUrl, notifications, started }) {
  const [pgPort, redisPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
  for (const shared of [5432, 6379]) if ([pgPort, redisPort, gatewayPort].includes(shared)) throw new Error('refusing a shared service port');
  say(`temp dir ${tmp}`);

  // PostgreSQL: our own cluster (or a given server, own schema, for the reduced suite without initdb).
  const schema = `chaos_${process.pid}`;
  let databaseUrl = pgUrl;
  if (!databaseUrl) {
    const ownPg = new OwnPostgres(pgPort, { tmp, logDir });
    started.ownPg = ownPg; // before init, so a failed start is still cleaned up
    ownPg.init();
    databaseUrl = ownPg.url;
    say(`own PostgreSQL on 127.0.0.1:${pgPort} (${ownPg.dir})`);
  }

  // Redis: our own, AOF on, so a SIGKILL loses at most ~1 s of writes (which the reconciler repairs).
  const redisDir = join(tmp, 'redis');
  mkdirSync(redisDir);
  const redis = new Proc(logDir, 'redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', '', '--daemonize', 'no']);
  redis.supervise = false;
  started.procs.push(redis);
  redis.start();
  await waitPort(redisPort, 'redis-server');
  say(`own Redis on 127.0.0.1:${redisPort} (AOF in ${redisDir})`);

  const { simInfo, setFault } = await startSimulators({ logDir, notifications, started });
  const partnersFile = writePartnerPolicy(tmp);

  const env = {
    DATABASE_URL: databaseUrl,
    CP_BRIDGE_DB_SCHEMA: schema,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    CP_BRIDGE_QUEUE_PREFIX: 'chaos',
    CP_BRIDGE_PARTNERS: partnersFile,
    ...simInfo.partnerEnv,
    CP_BRIDGE_RECONCILE_EVERY_MS: '10000',
    CP_BRIDGE_RECONCILE_OLDER_THAN_MS: '30000',
    GATEWAY_PORT: String(gatewayPort),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  const gateway = new Proc(logDir, 'gateway', process.execPath, ['dist/apps/gateway/src/main.js'], env);
  started.procs.push(gateway);
  gateway.start();
  const gw = `http://127.0.0.1:${gatewayPort}`;
  await waitPort(gatewayPort, 'gateway');
  const worker = new Proc(logDir, 'worker', process.execPath, ['dist/apps/worker/src/main.js'], env);
  started.procs.push(worker);
  worker.start();
  say(`gateway on ${gw}; worker started`);

  return { redis, redisPort, simInfo, setFault, gateway, gw, worker, databaseUrl, schema };
}

/** The chaos simulators (test/chaos/sim-server.mjs) as their own process: their URL, control port and partner env. */
export async function startSimulators({ logDir, notifications, started }) {
  const sim = new Proc(logDir, 'simulators', process.execPath, ['--max-old-space-size=4096', 'test/chaos/sim-server.mjs'], { PORT: '0', CONTROL_PORT: '0', LOG_LEVEL: 'warn', SIM_RECORD_LIMIT: String(Math.max(200_000, 2 * notifications)) });
  sim.supervise = false;
  started.procs.push(sim);
  const simChild = sim.start();
  const simInfo = await new Promise((done, fail) => {
    let buf = '';
    simChild.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('{"ready"'));
      if (line) done(JSON.parse(line));
    });
    simChild.once('exit', () => fail(new Error(`simulators exited at start; see ${logDir}/simulators.log`)));
  });
  const { simulatorUrlEnv } = await import(pathToFileURL(join(root, 'dist/apps/simulators/src/simulator-urls.js')).href);
  simInfo.partnerEnv = simulatorUrlEnv(simInfo.url);
  const setFault = async (partner, f) => {
    const res = await fetch(`${simInfo.url}/_sim/${partner}/faults`, f ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) } : { method: 'DELETE' });
    if (!res.ok) throw new Error(`setting faults on ${partner}: ${res.status} ${await res.text()}`);
  };
  say(`simulators on ${simInfo.url}`);
  return { simInfo, setFault };
}

/**
 * Partner policy for the run: production pins, URLs and concurrency; patient retries so that a
 * multi-minute outage plus 20% errors ends acknowledged rather than parked (parking is tested elsewhere).
 */
export function writePartnerPolicy(tmp) {
  const config = JSON.parse(readFileSync(join(root, 'config/partners.json'), 'utf8'));
  for (const [name, p] of Object.entries(config.partners)) {
    config.partners[name] = { ...p, maxAttempts: 1000, maxAgeMs: 24 * 3600_000, backoffBaseMs: 200, backoffMaxMs: 10_000, breaker: { failuresToOpen: 10, halfOpenAfterMs: 2_000 } };
  }
  const partnersFile = join(tmp, 'partners.json');
  writeFileSync(partnersFile, JSON.stringify(config, null, 2));
  return partnersFile;
}
