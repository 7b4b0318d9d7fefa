import { type Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type PartnersConfig, assertPinsResolvable, loadPartnersConfig } from '../../../libs/contracts-kit/src/partner-config.js';
import { ContractRegistry } from '../../../libs/contracts-kit/src/registry.js';
import type { PartnerTransport } from '../../../libs/delivery/src/outcome.js';
import { LedgerRepository, openDatabase } from '../../../libs/ledger/src/index.js';
import { createLogger } from '../../../libs/observability/src/logger.js';
import { dispatchNotification } from './dispatch/dispatch-notification.use-case.js';
import { fullJitterBackoff, openQueues, queueName } from './queues.js';
import { OwedReconciler } from './reconcile/owed-reconciler.js';
import { OutboxRelay } from './relay/outbox-relay.js';
import { createTransport } from './transports.js';

export interface WorkerOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  readonly schema?: string;
  readonly redisUrl?: string;
  readonly partnersConfigPath?: string;
  /** Redis key prefix for the queues (tests isolate themselves with their own). */
  readonly prefix?: string;
  readonly reconcileEveryMs?: number;
  readonly reconcileOlderThanMs?: number;
  /** An already-open ledger database (all-in-one process on embedded PGlite shares one). */
  readonly database?: OpenedDatabase;
}

type OpenedDatabase = Awaited<ReturnType<typeof openDatabase>>;

export interface WorkerHandle {
  readonly relay: OutboxRelay;
  readonly reconciler: OwedReconciler;
  readonly queues: ReadonlyMap<string, Queue>;
  /** Stop taking work, let in-flight jobs finish, close connections. */
  close(): Promise<void>;
}

export async function startWorker(opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const log = createLogger('worker');
  const partners: PartnersConfig = loadPartnersConfig(opts.partnersConfigPath);
  const registry = await ContractRegistry.discover();
  assertPinsResolvable(partners, registry);
  const owned = !opts.database;
  const database = opts.database ?? (await openDatabase({ url: opts.databaseUrl, dataDir: opts.dataDir, schema: opts.schema }));
  const ledger = new LedgerRepository(database.db);
  const redisUrl = opts.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  const prefix = opts.prefix ?? process.env.CP_BRIDGE_QUEUE_PREFIX ?? 'cpb';

  const names = [...partners.partners.keys()];
  const queues = openQueues(names, connection, prefix);
  const transports = new Map<string, PartnerTransport>(names.map((p) => [p, createTransport(partners.partners.get(p)!, registry)]));
  const maxAttempts = (p: string) => partners.partners.get(p)?.maxAttempts ?? 8;
  const deps = {
    ledger,
    registry,
    transportFor: (p: string) => transports.get(p)!,
    settingsFor: (p: string) => partners.partners.get(p)?.settings ?? {},
  };

  const workers = names.map((partner) => {
    const settings = partners.partners.get(partner)!;
    const worker = new Worker(
      queueName(partner),
      async (job) => {
        const result = await dispatchNotification(deps, job.data.notificationId as string, { made: job.attemptsMade, max: job.opts.attempts ?? maxAttempts(partner) });
        // Throwing hands the retry to BullMQ's backoff; everything else is final and already in the ledger.
        if (result.kind === 'retry') throw new Error(`${result.code}: ${result.message}`);
        return result;
      },
      {
        connection: connection.duplicate(),
        prefix,
        concurrency: settings.concurrency,
        maxStalledCount: 10,
        settings: { backoffStrategy: (attemptsMade: number) => fullJitterBackoff(attemptsMade) },
      },
    );
    worker.on('error', (e) => log.error({ partner, err: e.message, code: 'WORKER.ERROR' }, 'worker error'));
    return worker;
  });

  const relay = new OutboxRelay(ledger, queues, maxAttempts, log);
  relay.start();
  const reconciler = new OwedReconciler(ledger, queues, maxAttempts, log);
  const reconcileTimer = setInterval(() => {
    reconciler.repairOnce(opts.reconcileOlderThanMs ?? 30_000).catch((e: Error) => log.error({ err: e.message, code: 'RECONCILE.FAILED' }, 'reconcile pass failed'));
  }, opts.reconcileEveryMs ?? 15_000);
  log.info({ partners: names, prefix }, 'worker started');

  return {
    relay,
    reconciler,
    queues,
    async close() {
      clearInterval(reconcileTimer);
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all([...transports.values()].map((t) => t.close()));
      connection.disconnect();
      if (owned) await database.close();
    },
  };
}
