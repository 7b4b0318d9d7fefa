import type { Server } from 'node:http';
import type { Queue } from 'bullmq';
import { PinStore } from '../../../libs/contracts-kit/src/pins/index.js';
import { ContractRegistry } from '../../../libs/contracts-kit/src/registry.js';
import type { PartnerTransport } from '../../../libs/delivery/src/outcome.js';
import { PartnerBreaker } from '../../../libs/delivery/src/policy/partner-breaker.js';
import { openDispatchBackend, type DispatchBackend } from '../../../libs/delivery/src/backend/dispatch-backend.js';
import { fullJitterBackoff } from '../../../libs/delivery/src/queues.js';
import { OwedReconciler } from '../../../libs/delivery/src/reconcile/owed-reconciler.js';
import { BatchedDispatchStore, DeliveryControlRepository, LedgerRepository, ShadowRepository, openDatabase } from '../../../libs/ledger/src/index.js';
import { CodedError } from '../../../libs/domain/src/errors/problem.js';
import { createLogger } from '../../../libs/observability/src/logger.js';
import { createMetrics } from '../../../libs/observability/src/metrics.js';
import { partnerProcessor, type ProcessorContext } from './dispatch/partner.processor.js';
import { Escalator } from './escalation/escalator.js';
import { checkRedisSafety } from './ops/redis-safety.js';
import { startWorkerHttp } from './ops/worker-http.js';
import { OutboxRelay } from './relay/outbox-relay.js';
import { createTransport } from './transports.js';
import { watchGauges } from './ops/gauges.js';
import { ShadowRunner } from './shadow/shadow-runner.js';
import { HttpEnrichmentAdapter } from './enrichment/http-enrichment.adapter.js';

export interface WorkerOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly schema?: string;
  /** Redis for the queues (default REDIS_URL); without one they run on BullMQ's PostgreSQL backend in the ledger's server. */
  readonly redisUrl?: string;
  readonly partnersConfigPath?: string;
  /** Redis key prefix for the queues (tests isolate themselves with their own). */
  readonly prefix?: string;
  readonly reconcileEveryMs?: number;
  readonly reconcileOlderThanMs?: number;
  readonly escalateEveryMs?: number;
  readonly alertWebhookUrl?: string;
  /** A growing escalation group alerts again at most this often (CP_BRIDGE_ALERT_REPEAT_MS, default 5 min). */
  readonly alertRepeatMs?: number;
  /** Port for /health, /ready, /metrics; undefined = none. */
  readonly httpPort?: number;
  /** Refuse an unsafe Redis instead of warning (production). */
  readonly strict?: boolean;
  /** Dispatch statements wait up to this long for company while busy (CP_BRIDGE_DISPATCH_WINDOW_MS, default 10). */
  readonly dispatchWindowMs?: number;
  /** An already-open ledger database (the all-in-one process shares one). */
  readonly database?: OpenedDatabase;
}

type OpenedDatabase = Awaited<ReturnType<typeof openDatabase>>;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new CodedError('CONFIG.INVALID_NUMBER', `${name} must be a number ≥ 0, got "${raw}"`);
  return n;
}

export interface WorkerHandle {
  readonly relay: OutboxRelay;
  readonly reconciler: OwedReconciler;
  readonly escalator: Escalator;
  readonly queues: ReadonlyMap<string, Queue>;
  readonly backend: DispatchBackend;
  readonly breakers: ReadonlyMap<string, PartnerBreaker>;
  readonly metrics: ReturnType<typeof createMetrics>;
  readonly http?: Server;
  /** Stop taking work, let in-flight jobs finish, close connections. */
  close(): Promise<void>;
}

export async function startWorker(opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const log = createLogger('worker');
  const metrics = createMetrics('worker');
  const registry = await ContractRegistry.discover();
  // Live pins (startup fails when a pin names a missing version); the worker reads shadows from it.
  const partners = PinStore.open({ path: opts.partnersConfigPath, registry, log });
  const owned = !opts.database;
  const database = opts.database ?? (await openDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir, schema: opts.schema }));
  const prefix = opts.prefix ?? process.env.CP_BRIDGE_QUEUE_PREFIX ?? 'cpb';
  const backend = openDispatchBackend({
    redisUrl: opts.redisUrl ?? process.env.REDIS_URL,
    databaseUrl: database.url,
    prefix,
    onError: (e) => log.warn({ code: 'QUEUE.UNAVAILABLE', err: e.message }, 'queue connection error (BullMQ reconnects)'),
  });
  if (backend.redis) await checkRedisSafety(backend.redis, log, opts.strict ?? process.env.NODE_ENV === 'production');
  const ledger = new LedgerRepository(database.db);
  const control = new DeliveryControlRepository(database.db);

  const names = [...partners.partners.keys()];
  const settingsOf = (p: string) => partners.partners.get(p)!;
  const queues = backend.openQueues(names);
  const transports = new Map<string, PartnerTransport>(names.map((p) => [p, createTransport(settingsOf(p), registry)]));
  const breakers = new Map(names.map((p) => [p, new PartnerBreaker(p, settingsOf(p).breaker)]));
  for (const [p, b] of breakers) {
    metrics.breakerState.set({ partner: p }, 0);
    // Published for the gateway's operations console (partner → state).
    void backend.publishBreaker(p, 'closed').catch(() => 0);
    b.onChange((s) => {
      void backend.publishBreaker(p, s).catch(() => 0);
      metrics.breakerState.set({ partner: p }, s === 'closed' ? 0 : s === 'half-open' ? 1 : 2);
      log.warn({ partner: p, state: s, code: `BREAKER.${s.toUpperCase().replace('-', '_')}` }, `circuit ${s} for ${p}`);
    });
  }
  const maxAttempts = (p: string) => partners.partners.get(p)?.maxAttempts ?? 8;
  const escalator = new Escalator(control, log, metrics, opts.alertWebhookUrl ?? process.env.CP_BRIDGE_ALERT_WEBHOOK, {
    repeatMs: opts.alertRepeatMs ?? envNumber('CP_BRIDGE_ALERT_REPEAT_MS'),
  });
  const shadow = new ShadowRunner({ registry, shadowFor: (p) => partners.shadowFor(p), results: new ShadowRepository(database.db), log });
  const deps = {
    store: new BatchedDispatchStore(database.db, { windowMs: opts.dispatchWindowMs ?? envNumber('CP_BRIDGE_DISPATCH_WINDOW_MS') }),
    control,
    registry,
    transportFor: (p: string) => transports.get(p)!,
    breakerFor: (p: string) => breakers.get(p)!,
    settingsFor: (p: string) => settingsOf(p).settings,
    maxAgeMsFor: (p: string) => settingsOf(p).maxAgeMs,
    enrichment: new HttpEnrichmentAdapter({ sources: (p) => settingsOf(p).enrichment ?? {}, timeoutMs: 5000 }),
    shadow,
  };
  for (const p of names) {
    const pinned = settingsOf(p).contract;
    if (registry.has(pinned) && registry.get(pinned).enrichments && Object.keys(settingsOf(p).enrichment ?? {}).length === 0) {
      log.warn({ partner: p, contract: pinned, code: 'ENRICHMENT.NOT_CONFIGURED' }, `${pinned} declares enrichments but partner ${p} names no source: mapped without them`);
    }
  }

  // Before any worker takes a job: jobs a dead worker left active go back to waiting now, not after their lock expires.
  const reclaimed = await backend.joinAsWorker().catch((e: Error) => {
    log.warn({ err: e.message, code: 'QUEUE.PRESENCE_FAILED' }, 'could not check for jobs a dead worker left active; BullMQ finds them once their lock expires');
    return 0;
  });
  if (reclaimed) log.warn({ reclaimed, code: 'QUEUE.ORPHANS_RECLAIMED' }, 'jobs left active by a worker that died moved back to waiting');
  const workers = names.map((partner) => {
    const settings = settingsOf(partner);
    const ctx: ProcessorContext = { partner, deps, metrics, log, escalator, maxAttempts: settings.maxAttempts };
    const worker = backend.newWorker(partner, partnerProcessor(ctx), {
      concurrency: settings.inFlight,
      maxStalledCount: 10,
      ...(settings.rateLimit ? { limiter: { max: settings.rateLimit.max, duration: settings.rateLimit.durationMs } } : {}),
      settings: { backoffStrategy: (attemptsMade: number) => fullJitterBackoff(attemptsMade, settings.backoffBaseMs, settings.backoffMaxMs) },
    });
    ctx.worker = worker;
    worker.on('error', (e) => log.error({ partner, err: e.message, code: 'WORKER.ERROR' }, 'worker error'));
    return worker;
  });

  const reconciler = new OwedReconciler(ledger, database.db, queues, maxAttempts, log, backend.jobStates);
  // Alone after a crash: outbox rows a killed relay had claimed but not enqueued are repaired now,
  // before our own relay starts, instead of waiting out the reconciler's grace period.
  if (backend.joinedAlone()) {
    await reconciler.repairOnce(0).catch((e: Error) => log.warn({ err: e.message, code: 'RECONCILE.FAILED' }, 'start-up repair failed; the periodic pass will retry'));
  }
  const relay = new OutboxRelay(ledger, queues, maxAttempts, log);
  relay.start();
  // A pass that takes longer than its interval is not started again beside itself (passes piling up
  // on a slow or loaded database only add load to it).
  const every = (ms: number, what: string, work: () => Promise<unknown>) => {
    let running = false;
    return setInterval(() => {
      if (running) return;
      running = true;
      void work()
        .catch((e: Error) => log.error({ err: e.message, code: `${what}.FAILED` }, `${what.toLowerCase()} pass failed`))
        .finally(() => (running = false));
    }, ms);
  };
  const timers = [
    every(opts.reconcileEveryMs ?? 15_000, 'RECONCILE', () => reconciler.repairOnce(opts.reconcileOlderThanMs ?? 30_000)),
    every(opts.escalateEveryMs ?? 15_000, 'ESCALATE', () => escalator.runOnce()),
    watchGauges(metrics, control, queues, log),
  ];
  const http = opts.httpPort === undefined ? undefined : await startWorkerHttp(opts.httpPort, metrics, async () => (await backend.ping()) && (await ledger.listNotifications({ limit: 1 })) !== undefined);
  log.info({ partners: names, prefix, queues: backend.location }, 'worker started');

  return {
    relay,
    reconciler,
    escalator,
    queues,
    backend,
    breakers,
    metrics,
    http,
    async close() {
      timers.forEach(clearInterval);
      await relay.stop();
      // Worker.close() waits for in-flight jobs: SIGTERM drains, nothing is cut off mid-delivery.
      await Promise.all(workers.map((w) => w.close()));
      partners.close();
      await shadow.drain();
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all([...transports.values()].map((t) => t.close()));
      await new Promise((r) => (http ? http.close(r) : r(undefined)));
      await backend.close();
      if (owned) await database.close();
    },
  };
}
