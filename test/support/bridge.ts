import { type Server, createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { devAuthHeaders } from '../../apps/gateway/src/auth/api-clients.js';
import { createGatewayApp, type GatewayHandle } from '../../apps/gateway/src/gateway.app.js';
import { createSimulatorsApp } from '../../apps/simulators/src/simulators.app.js';
import { simulatorUrlEnv } from '../../apps/simulators/src/simulator-urls.js';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../../apps/worker/src/worker.app.js';
import { projectRoot } from '../../libs/contracts-kit/src/paths.js';
import type { UrgencyTable } from '../../libs/domain/src/routing/obligation.js';
import { DATABASE_URL, REDIS_URL, deleteRedisPrefix, dropSchema, uniqueName } from './harness.js';

/** A whole bridge on real services for one test file: simulators, gateway, worker, own schema and prefix. */
export interface Bridge {
  readonly base: string;
  readonly simBase: string;
  readonly schema: string;
  readonly prefix: string;
  readonly gateway: GatewayHandle;
  worker: WorkerHandle;
  readonly sims: INestApplication;
  readonly alerts: Record<string, unknown>[];
  post(body: unknown): Promise<{ status: number; json: any }>;
  /** An authenticated call to the gateway's API. */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; json: any }>;
  notification(id: string): Promise<any>;
  fault(partner: string, fault: Record<string, unknown> | null): Promise<void>;
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Partner settings tuned for tests (fast backoff, a breaker that trips quickly), in a temp file. */
export function writeTestPartnersConfig(overrides: Record<string, Record<string, unknown>> = {}): string {
  const config = JSON.parse(readFileSync(join(projectRoot, 'config/partners.json'), 'utf8')) as { partners: Record<string, Record<string, unknown>> };
  for (const [name, p] of Object.entries(config.partners)) {
    config.partners[name] = { ...p, backoffBaseMs: 50, backoffMaxMs: 1000, maxAttempts: 40, breaker: { failuresToOpen: 3, halfOpenAfterMs: 500 }, ...(overrides[name] ?? {}) };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'cpb-')), 'partners.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

export async function startBridge(opts: { urgency?: UrgencyTable; partners?: Record<string, Record<string, unknown>>; worker?: Partial<WorkerOptions> } = {}): Promise<Bridge> {
  const schema = uniqueName('it');
  const prefix = uniqueName('it');
  const alerts: Record<string, unknown>[] = [];
  const hook: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      alerts.push(JSON.parse(body) as Record<string, unknown>);
      res.end('{}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/alerts`;
  const sims = await createSimulatorsApp({ logLevel: 'silent' } as never);
  await sims.listen(0, '127.0.0.1');
  const simBase = await sims.getUrl();
  Object.assign(process.env, simulatorUrlEnv(simBase));
  const partnersConfigPath = writeTestPartnersConfig(opts.partners);
  const gateway = await createGatewayApp({ databaseUrl: DATABASE_URL, schema, prefix, urgency: opts.urgency, partnersConfigPath });
  await gateway.app.listen(0, '127.0.0.1');
  const base = await gateway.app.getUrl();
  const workerOpts: WorkerOptions = { databaseUrl: DATABASE_URL, schema, redisUrl: REDIS_URL, prefix, partnersConfigPath, alertWebhookUrl: hookUrl, escalateEveryMs: 200, reconcileEveryMs: 60_000, ...opts.worker };
  const bridge: Bridge = {
    base, simBase, schema, prefix, gateway, sims, alerts,
    worker: await startWorker(workerOpts),
    async api(path, init = {}) {
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: { ...devAuthHeaders(), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
      });
      return { status: res.status, json: await res.json() };
    },
    post(body) {
      return bridge.api('/v1/hearing-results', { method: 'POST', body });
    },
    async notification(id) {
      return (await bridge.api(`/v1/notifications/${id}`)).json;
    },
    async fault(partner, fault) {
      await fetch(`${simBase}/_sim/${partner}/faults`, fault ? { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) } : { method: 'DELETE' });
    },
    async restartWorker() {
      await bridge.worker.close();
      bridge.worker = await startWorker(workerOpts);
    },
    async close() {
      await bridge.worker.close();
      await gateway.close();
      await sims.close();
      hook.close();
      await dropSchema(schema);
      await deleteRedisPrefix(prefix);
    },
  };
  return bridge;
}
