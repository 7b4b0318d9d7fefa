import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { loadSamples, variant } from '../../apps/cli/src/sample-traffic/sample-traffic.js';
import { createGatewayApp, type GatewayHandle } from '../../apps/gateway/src/gateway.app.js';
import { createSimulatorsApp } from '../../apps/simulators/src/simulators.app.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import { DATABASE_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName, waitUntil } from '../support/harness.js';
import { devAuthHeaders } from '../../apps/gateway/src/auth/api-clients.js';
import { simulatorUrlEnv } from '../../apps/simulators/src/simulator-urls.js';

/**
 * Issue 3's durability proof: SIGKILL the worker while 1,000 notifications are in flight, start
 * it again, and the partner simulator ends up holding every one of them exactly once.
 */
describe('worker killed with 1,000 notifications in flight', () => {
  const schema = uniqueName('kill');
  const prefix = uniqueName('kill');
  let sims: INestApplication;
  let gateway: GatewayHandle;
  let simBase: string;
  let worker: ChildProcess | undefined;

  const startWorkerProcess = () => {
    const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL,
        REDIS_URL,
        CP_BRIDGE_DB_SCHEMA: schema,
        CP_BRIDGE_QUEUE_PREFIX: prefix,
        ...simulatorUrlEnv(simBase),
        CP_BRIDGE_RECONCILE_EVERY_MS: '1000',
        CP_BRIDGE_RECONCILE_OLDER_THAN_MS: '2000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  };

  beforeAll(async () => {
    if (!existsSync(`${projectRoot}/dist/apps/worker/src/main.js`)) spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' });
    sims = await createSimulatorsApp({});
    await sims.listen(0, '127.0.0.1');
    simBase = await sims.getUrl();
    Object.assign(process.env, simulatorUrlEnv(simBase));
    gateway = await createGatewayApp({ databaseUrl: DATABASE_URL, schema });
    await gateway.app.listen(0, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await gateway?.close();
    await sims?.close();
    await dropSchema(schema);
    await deleteRedisPrefix(prefix);
  });

  it('loses nothing and delivers each notification once', async () => {
    const base = await gateway.app.getUrl();
    const sample = loadSamples().find((s) => s.name.startsWith('002'))!.body; // two police notifications each
    const ids: string[] = [];
    for (let i = 0; i < 500; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: 25 }, async (_, j) => {
          const res = await fetch(`${base}/v1/hearing-results`, { method: 'POST', headers: { 'content-type': 'application/json', ...devAuthHeaders() }, body: JSON.stringify(variant(sample, 10_000 + i + j)) });
          return ((await res.json()) as { notifications: { id: string; partner: string }[] }).notifications.filter((n) => n.partner === 'police').map((n) => n.id);
        }),
      );
      ids.push(...batch.flat());
    }
    expect(ids).toHaveLength(1000);
    // Slow the partner so plenty is in flight when the worker dies.
    await fetch(`${simBase}/_sim/police/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 30 }) });

    const stats = async () => (await (await fetch(`${simBase}/_sim/police/stats`)).json()) as { unique: number; received: number; duplicates: number };
    worker = startWorkerProcess();
    await waitUntil(async () => ((await stats()).unique >= 150 ? true : undefined), 60_000, 'first deliveries');
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    const atKill = (await stats()).unique;
    expect(atKill).toBeLessThan(1000);

    await fetch(`${simBase}/_sim/police/faults`, { method: 'DELETE' });
    worker = startWorkerProcess();
    // Every id, not a sample: jobs that were active at the kill come back only once BullMQ finds
    // them stalled (about 30 s), after the partner already holds their message from before.
    await waitUntil(async () => {
      if ((await stats()).unique < 1000) return undefined;
      const states = await Promise.all(ids.map(async (id) => ((await (await fetch(`${base}/v1/notifications/${id}`, { headers: devAuthHeaders() })).json()) as { status: string }).status));
      return states.every((s) => s === 'acknowledged') ? true : undefined;
    }, 150_000, 'all 1,000 acknowledged', 2000);

    const final = await stats();
    expect(final.unique).toBe(1000);
    const acknowledged = await Promise.all(ids.map(async (id) => ((await (await fetch(`${base}/v1/notifications/${id}`, { headers: devAuthHeaders() })).json()) as { status: string }).status));
    expect(acknowledged.filter((s) => s !== 'acknowledged')).toEqual([]);
    for (const id of ids.slice(0, 20)) {
      const held = (await (await fetch(`${simBase}/_sim/police/received?messageId=${id}`)).json()) as { items: unknown[] };
      expect(held.items).toHaveLength(1);
    }
  }, 300_000);
});
