import type { Command } from 'commander';
import { createGatewayApp } from '../../../gateway/src/gateway.app.js';
import { createSimulatorsApp } from '../../../simulators/src/simulators.app.js';
import { startWorker } from '../../../worker/src/worker.app.js';
import { openDatabase } from '../../../../libs/ledger/src/index.js';
import { loadSamples, variant } from '../sample-traffic/sample-traffic.js';
import { devAuthHeaders } from '../../../gateway/src/auth/api-clients.js';
import { simulatorUrlEnv } from '../../../simulators/src/simulator-urls.js';

export interface StartOptions {
  readonly port: number;
  readonly simulatorsPort: number;
  readonly variants: number;
  readonly once: boolean;
}

interface Summary {
  id: string;
  partner: string;
  contract: string;
  status: string;
}

async function follow(base: string, ids: string[], timeoutMs: number): Promise<Map<string, Record<string, unknown>>> {
  const final = new Map<string, Record<string, unknown>>();
  const deadline = Date.now() + timeoutMs;
  while (final.size < ids.length && Date.now() < deadline) {
    for (const id of ids.filter((x) => !final.has(x))) {
      const n = (await (await fetch(`${base}/v1/notifications/${id}`, { headers: devAuthHeaders() })).json()) as Record<string, unknown>;
      if (['acknowledged', 'parked', 'needs-review', 'dismissed'].includes(String(n.status))) final.set(id, n);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return final;
}

/** Everything in one process on embedded defaults: simulators, gateway, worker, then sample traffic. */
export async function startCommand(opts: StartOptions): Promise<void> {
  const t0 = Date.now();
  for (const [k, v] of Object.entries(simulatorUrlEnv(`http://127.0.0.1:${opts.simulatorsPort}`))) process.env[k] ??= v;
  // The bridge owns the embedded server: a clean stop stops it; after a crash the next start reuses it.
  let opened = false; // the banner says where the ledger is; later lines (a restarted server) are worth printing
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.CP_BRIDGE_DATA_DIR, embeddedOnClose: 'stop', log: (line) => opened && console.warn(line) });
  opened = true;
  console.log(`ledger     ${database.location}`);

  process.env.LOG_LEVEL ??= 'warn';
  const sims = await createSimulatorsApp({ logLevel: 'silent' });
  await sims.listen(opts.simulatorsPort, '127.0.0.1');
  const gateway = await createGatewayApp({ database, shutdownHooks: false });
  await gateway.app.listen(opts.port, '127.0.0.1');
  const worker = await startWorker({ database, reconcileEveryMs: 5000, reconcileOlderThanMs: 10_000 });
  const base = `http://127.0.0.1:${opts.port}`;
  console.log(`queues     ${worker.backend.location}`);
  console.log(`gateway    ${base}  (OpenAPI: ${base}/docs)`);
  console.log(`console    ${base}/console  (dev sign-in: operator / cpb-operator-dev, viewer / cpb-viewer-dev)`);
  console.log(`simulators http://127.0.0.1:${opts.simulatorsPort}  (received: /_sim/police/received, /_sim/electronic-monitoring/received)`);

  const shutdown = async () => {
    await worker.close();
    await gateway.close();
    await sims.close();
    await database.close();
  };

  const run = Date.now();
  const posted: { sample: string; notifications: Summary[] }[] = [];
  for (const { name, body } of loadSamples()) {
    for (let i = 0; i < opts.variants; i++) {
      const payload = variant(body, Date.now() * 100 + i);
      const res = await fetch(`${base}/v1/hearing-results`, { method: 'POST', headers: { 'content-type': 'application/json', ...devAuthHeaders() }, body: JSON.stringify(payload) });
      const json = (await res.json()) as { notifications?: Summary[]; code?: string; message?: string };
      if (res.status !== 202) console.error(`  ${name}: ${res.status} ${json.code} ${json.message}`);
      posted.push({ sample: name, notifications: json.notifications ?? [] });
    }
  }
  const ids = posted.flatMap((p) => p.notifications.map((n) => n.id));
  const final = await follow(base, ids, 60_000);
  console.log(`\nposted ${posted.length} hearing results → ${ids.length} notifications in ${((Date.now() - run) / 1000).toFixed(1)} s`);
  console.log('sample                                 partner                 contract                   status        partner reference');
  for (const p of posted.slice(0, 20)) {
    for (const n of p.notifications) {
      const f = final.get(n.id) ?? { status: 'still in flight' };
      console.log(`${p.sample.padEnd(38)} ${n.partner.padEnd(23)} ${n.contract.padEnd(26)} ${String(f.status).padEnd(13)} ${String(f.ackRef ?? f.lastErrorCode ?? f.reviewReason ?? '')}`);
    }
  }
  const counts = [...final.values()].reduce<Record<string, number>>((acc, n) => ({ ...acc, [String(n.status)]: (acc[String(n.status)] ?? 0) + 1 }), {});
  console.log(`\ntotals: ${JSON.stringify(counts)}; unfinished: ${ids.length - final.size}; started in ${((run - t0) / 1000).toFixed(1)} s`);

  if (opts.once) {
    await shutdown();
    return;
  }
  console.log('\nbridge running: Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const stop = () => void shutdown().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function registerStartCommand(program: Command): void {
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
}
